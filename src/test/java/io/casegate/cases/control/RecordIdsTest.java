package io.casegate.cases.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RecordIdsTest {

    @Test
    void sameSubmissionAndStepGiveTheSameIdEveryTime() {
        UUID submission = UUID.fromString("7d4f3c36-5b8a-4d0e-9a52-0c1d2e3f4a5b");
        assertEquals(RecordIds.of(submission, "case"), RecordIds.of(submission, "case"));
        assertEquals(
                UUID.nameUUIDFromBytes("7d4f3c36-5b8a-4d0e-9a52-0c1d2e3f4a5b:case".getBytes(StandardCharsets.UTF_8)),
                RecordIds.of(submission, "case"));
        assertEquals(3, RecordIds.of(submission, "case").version());
    }

    @Test
    void stepsAndSubmissionsGiveDifferentIds() {
        UUID submission = UUID.randomUUID();
        assertNotEquals(RecordIds.of(submission, "case"), RecordIds.of(submission, "message"));
        assertNotEquals(RecordIds.of(submission, "case"), RecordIds.of(UUID.randomUUID(), "case"));
    }
}
