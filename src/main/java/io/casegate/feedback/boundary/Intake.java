package io.casegate.feedback.boundary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.casegate.attachments.boundary.AttachmentStore;
import io.casegate.attachments.entity.IncomingFile;
import io.casegate.attachments.entity.StoredAttachment;
import io.casegate.delivery.boundary.Outbox;
import io.casegate.delivery.entity.OutboxEntry;
import io.casegate.feedback.entity.Submission;
import io.casegate.feedback.entity.SubmissionFields;
import io.casegate.platform.metrics.Meter;
import io.casegate.platform.metrics.Metrics;

/**
 * Casegate's intake: stores a submission, its files and its delivery job, issues the reference,
 * and answers what became of it. The form and the REST API both come through here.
 * <p>
 * Files are streamed to the attachment store before the submission's transaction, so that the
 * transaction only commits rows whose files exist; the files of a transaction that failed are
 * removed again. The transaction itself is {@link Submissions#record}: kept separate so
 * that a duplicate idempotency key, which fails only at commit, can be answered here with the
 * receipt of the submission that won.
 */
@ApplicationScoped
class Intake implements SubmissionIntake {

    private static final Logger LOG = Logger.getLogger(Intake.class.getName());

    /** Deliveries failing for longer than this many attempts show as delayed to the visitor. */
    static final int ATTEMPTS_BEFORE_DELAYED = 3;

    @Inject
    Submissions records;

    @Inject
    AttachmentStore attachments;

    @Inject
    Outbox outbox;

    @Inject
    Metrics metrics;

    @Override
    public Receipt accept(SubmissionFields fields, List<IncomingFile> files, SubmissionContext context) {
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(context, "context");
        String key = idempotencyKey(context);
        if (key != null) {
            Optional<Submission> earlier = records.byIdempotencyKey(key);
            if (earlier.isPresent()) {
                return receiptOf(earlier.get());
            }
        }
        List<StoredAttachment> stored = new ArrayList<>();
        try {
            for (IncomingFile file : files) {
                stored.add(new StoredAttachment(file, attachments.store(file)));
            }
            Submissions.NewSubmission incoming = new Submissions.NewSubmission(
                    fields,
                    context.channel().name(),
                    key,
                    context.locale(),
                    context.clientIp(),
                    context.userAgent(),
                    context.consentGivenAt(),
                    context.consentTextVersion(),
                    context.apiClient());
            Submission submission = records.record(incoming, stored);
            LOG.info(() ->
                    "Accepted " + submission.reference() + " (" + context.channel() + ", " + stored.size() + " files)");
            metrics.increment(
                    Meter.SUBMISSIONS_RECEIVED, context.channel().name().toLowerCase(Locale.ROOT));
            // Just stored: nothing to look up about its delivery yet.
            return new Receipt(
                    submission.reference(), submission.id(), Receipt.Status.RECEIVED, null, submission.statusToken());
        } catch (RuntimeException failed) {
            stored.forEach(file -> attachments.delete(file.stored().storageKey()));
            if (key != null) {
                // Two requests with one key at the same moment: the unique key let one commit.
                Optional<Submission> winner = records.byIdempotencyKey(key);
                if (winner.isPresent()) {
                    LOG.log(
                            Level.FINE,
                            "Concurrent duplicate of " + winner.get().reference(),
                            failed);
                    return receiptOf(winner.get());
                }
            }
            throw failed;
        }
    }

    /** Form tokens and API keys live in separate key spaces, so that one channel never answers for the other. */
    static String idempotencyKey(SubmissionContext context) {
        String key = context.idempotencyKey();
        if (key == null || key.isBlank()) {
            return null;
        }
        String scoped =
                context.channel().name() + ":" + Submission.withoutControls(key).strip();
        return scoped.length() <= 300 ? scoped : scoped.substring(0, 300);
    }

    @Override
    public Optional<Receipt> find(String reference) {
        if (reference == null || reference.isBlank() || hasControls(reference)) {
            return Optional.empty();
        }
        return records.byReference(reference.strip()).map(this::receiptOf);
    }

    /**
     * The receipt of the submission made with this API key ({@link io.casegate.feedback.control.ApiKeys#clientIdOf}
     * of it): another key's submission, or a form's, is not found.
     */
    public Optional<Receipt> findForApiClient(String reference, String apiClient) {
        if (reference == null || reference.isBlank() || apiClient == null) {
            return Optional.empty();
        }
        return records.byReference(reference.strip())
                .filter(found -> apiClient.equals(found.apiClient()))
                .map(this::receiptOf);
    }

    /** The receipt behind a status link's token: the token alone opens it (it is unguessable). */
    public Optional<Receipt> findByStatusToken(String token) {
        if (token == null || !STATUS_TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return records.byStatusToken(token).map(this::receiptOf);
    }

    /** The form of a status token: 43 characters of base64url (256 bits). */
    static final java.util.regex.Pattern STATUS_TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{43}");

    /** The receipt for a reference or case number, but only for the visitor who gives the submission's e-mail. */
    public Optional<Receipt> findForVisitor(String referenceOrCaseNumber, String email) {
        if (referenceOrCaseNumber == null
                || referenceOrCaseNumber.isBlank()
                || email == null
                || email.isBlank()
                || hasControls(referenceOrCaseNumber)
                || hasControls(email)) {
            return Optional.empty();
        }
        String given = referenceOrCaseNumber.strip().toUpperCase(Locale.ROOT);
        Optional<Submission> byReference = records.byReference(given).filter(found -> found.belongsTo(email));
        if (byReference.isPresent()) {
            return byReference.map(this::receiptOf);
        }
        return records.byCaseNumber(given).stream()
                .filter(found -> found.belongsTo(email))
                .max(Comparator.comparing(Submission::receivedAt))
                .map(this::receiptOf);
    }

    /** A NUL cannot even be compared with in PostgreSQL: such a lookup finds nothing, without asking. */
    private static boolean hasControls(String text) {
        return !text.equals(Submission.withoutControls(text));
    }

    Receipt receiptOf(Submission submission) {
        if (submission.caseNumber() != null) {
            return new Receipt(
                    submission.reference(),
                    submission.id(),
                    Receipt.Status.DELIVERED,
                    submission.caseNumber(),
                    submission.statusToken());
        }
        boolean delayed = outbox.find(Submissions.DELIVER_CASE, submission.id())
                .map(entry -> entry.state() == OutboxEntry.State.DEAD || entry.attempts() > ATTEMPTS_BEFORE_DELAYED)
                .orElse(false);
        return new Receipt(
                submission.reference(),
                submission.id(),
                delayed ? Receipt.Status.DELAYED : Receipt.Status.RECEIVED,
                null,
                submission.statusToken());
    }
}
