package io.casegate.feedback.boundary;

import java.util.UUID;

/**
 * What the visitor is told about a submission.
 *
 * @param caseNumber the CRM's case number, or null until the case exists
 * @param statusToken the token of the status link that needs no e-mail; null for older submissions
 */
record Receipt(String reference, UUID submissionId, Status status, String caseNumber, String statusToken) {

    public enum Status {
        /** Stored by Casegate, not yet in the CRM. */
        RECEIVED,
        /** The case exists in the CRM and has its number (its message and files may still be on their way). */
        DELIVERED,
        /** Delivery keeps failing; operators have been alerted and will deliver it. */
        DELAYED
    }
}
