package io.casegate.feedback.entity;

import java.util.UUID;

/**
 * A submission's personal data was blanked (its retention after delivery passed, or an
 * administrator erased the visitor's data). Fired inside that transaction, so that the components
 * that keep something about the submission (the CRM call log) forget it atomically with it.
 */
public record SubmissionAnonymised(UUID submissionId) {}
