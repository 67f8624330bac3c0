package io.casegate.feedback.boundary;

import java.time.Duration;
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

    /**
     * A returning visitor's case exists about two CRM calls after acceptance: look early, then less
     * and less often (the number may come from another node, so this is a poll of the database).
     */
    private static final Duration FIRST_POLL = Duration.ofMillis(25);

    private static final Duration LONGEST_POLL = Duration.ofMillis(200);

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
                    context.consentTextVersion());
            Submission submission = records.record(incoming, stored);
            LOG.info(() ->
                    "Accepted " + submission.reference() + " (" + context.channel() + ", " + stored.size() + " files)");
            metrics.increment(
                    Meter.SUBMISSIONS_RECEIVED, context.channel().name().toLowerCase(Locale.ROOT));
            // Just stored: nothing to look up about its delivery yet.
            return new Receipt(submission.reference(), submission.id(), Receipt.Status.RECEIVED, null);
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

    @Override
    public Optional<String> awaitCaseNumber(String reference, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        long pollMillis = FIRST_POLL.toMillis();
        while (true) {
            Optional<Receipt> receipt = find(reference);
            if (receipt.isEmpty()) {
                return Optional.empty();
            }
            if (receipt.get().caseNumber() != null) {
                return Optional.of(receipt.get().caseNumber());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || receipt.get().status() == Receipt.Status.DELAYED) {
                return Optional.empty();
            }
            try {
                Thread.sleep(Math.min(pollMillis, Math.max(1, left / 1_000_000)));
                pollMillis = Math.min(pollMillis * 2, LONGEST_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** A NUL cannot even be compared with in PostgreSQL: such a lookup finds nothing, without asking. */
    private static boolean hasControls(String text) {
        return !text.equals(Submission.withoutControls(text));
    }

    Receipt receiptOf(Submission submission) {
        if (submission.caseNumber() != null) {
            return new Receipt(
                    submission.reference(), submission.id(), Receipt.Status.DELIVERED, submission.caseNumber());
        }
        boolean delayed = outbox.find(Submissions.DELIVER_CASE, submission.id())
                .map(entry -> entry.state() == OutboxEntry.State.DEAD || entry.attempts() > ATTEMPTS_BEFORE_DELAYED)
                .orElse(false);
        return new Receipt(
                submission.reference(),
                submission.id(),
                delayed ? Receipt.Status.DELAYED : Receipt.Status.RECEIVED,
                null);
    }
}
