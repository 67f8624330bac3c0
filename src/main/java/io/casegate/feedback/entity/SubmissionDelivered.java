package io.casegate.feedback.entity;

import java.util.UUID;

/**
 * A submission became a case in the CRM, with its message and files. Fired inside the transaction
 * that records it, so that whatever follows (the acknowledgement e-mail) is enqueued atomically.
 */
public record SubmissionDelivered(UUID submissionId) {}
