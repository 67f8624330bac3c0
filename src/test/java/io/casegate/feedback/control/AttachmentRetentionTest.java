package io.casegate.feedback.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class AttachmentRetentionTest {

    @Test
    void retentionIsAnIsoDurationOrZero() {
        assertEquals(Duration.ofDays(7), AttachmentRetention.parse("P7D"));
        assertEquals(Duration.ofHours(12), AttachmentRetention.parse("PT12H"));
        assertEquals(Duration.ZERO, AttachmentRetention.parse("0"));
        assertEquals(Duration.ZERO, AttachmentRetention.parse(""));
    }
}
