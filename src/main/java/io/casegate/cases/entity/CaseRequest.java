package io.casegate.cases.entity;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import io.casegate.attachments.entity.AttachedFile;

/**
 * One accepted submission, as the ticket workflow needs it to open a case in the CRM.
 *
 * @param submissionId the submission's id; every CRM record's id is derived from it
 * @param reference Casegate's own reference that the visitor was given (WEB-YYYY-NNNNNN)
 * @param phone normalised to +7XXXXXXXXXX, or null
 * @param inn null when not given
 * @param service the CRM's ServiceItem id, or its exact name
 * @param receivedOn when Casegate accepted the submission; the case's RegisteredOn
 */
public record CaseRequest(
        UUID submissionId,
        String reference,
        String name,
        String email,
        String phone,
        String organisation,
        String inn,
        String service,
        String subject,
        String description,
        Locale locale,
        Instant receivedOn,
        List<AttachedFile> attachments) {

    public CaseRequest {
        Objects.requireNonNull(submissionId, "submissionId");
        attachments = List.copyOf(attachments);
    }
}
