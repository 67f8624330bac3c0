package io.casegate.feedback.boundary;

import java.util.List;
import java.util.Optional;

import io.casegate.attachments.entity.IncomingFile;
import io.casegate.feedback.entity.SubmissionFields;

/**
 * The one way into Casegate for a visitor's request, used by the form and the REST intake alike.
 * Accepting stores the submission, its files and its delivery job in one transaction and issues
 * the visitor's reference; delivery to the CRM follows asynchronously.
 */
interface SubmissionIntake {

    /**
     * Stores a valid submission (the caller has validated {@code fields} and the files) and starts
     * its delivery. The same {@code context.idempotencyKey()} gives the same receipt again and
     * never a second submission.
     */
    Receipt accept(SubmissionFields fields, List<IncomingFile> files, SubmissionContext context);

    /** The current state of a submission by its reference. */
    Optional<Receipt> find(String reference);
}
