package io.casegate.cases.control;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The CRM ids of a submission's records. Each is a name-based UUID of the submission id and the
 * step, so every run of the same submission looks for, and creates, the same records.
 */
final class RecordIds {

    private RecordIds() {}

    public static UUID of(UUID submissionId, String step) {
        return UUID.nameUUIDFromBytes((submissionId + ":" + step).getBytes(StandardCharsets.UTF_8));
    }
}
