package io.casegate.feedback.boundary;

import io.casegate.feedback.control.ReferenceNumbers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.casegate.attachments.entity.Attachment;
import io.casegate.attachments.entity.IncomingFile;
import io.casegate.attachments.entity.StoredFile;
import io.casegate.delivery.boundary.Outbox;
import io.casegate.cases.entity.CaseStep;
import io.casegate.feedback.entity.SubmissionFields;
import io.casegate.feedback.entity.Submission;

/** The submissions table and what belongs to each row: its attachments and its delivery job. */
@ApplicationScoped
public class Submissions {

    public static final String DELIVER_CASE = "DELIVER_CASE";
    public static final String ACKNOWLEDGE = "ACKNOWLEDGE";

    /** One new submission, as the intake hands it over. */
    public record NewSubmission(SubmissionFields fields, String channel, String idempotencyKey, Locale locale,
            String clientIp, String userAgent, Instant consentGivenAt, String consentTextVersion) {
    }

    /** A file already in the attachment store, with its description. */
    public record StoredAttachment(IncomingFile file, StoredFile stored) {
    }

    @PersistenceContext(unitName = "casegate")
    EntityManager em;

    @Inject
    ReferenceNumbers references;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /**
     * The submission, its attachments and its delivery job, in one transaction of their own:
     * either all are stored and the visitor's reference is valid, or none is.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Submission record(NewSubmission incoming, List<StoredAttachment> files) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        Submission submission = new Submission(id, references.next(now), incoming.idempotencyKey(), incoming.channel(),
                incoming.fields(), incoming.locale(), incoming.clientIp(), incoming.userAgent(),
                incoming.consentGivenAt() == null ? now : incoming.consentGivenAt(),
                incoming.consentTextVersion() == null ? "unknown" : incoming.consentTextVersion(), now);
        em.persist(submission);
        // The attachments' foreign key needs the submission's row first; the provider does not
        // order inserts by a key that is not mapped as a relationship.
        em.flush();
        int ordinal = 0;
        for (StoredAttachment file : files) {
            em.persist(new Attachment(UUID.randomUUID(), id, ordinal++, file.file().fileName(),
                    mediaType(file.file().mediaType()), file.stored().size(), file.stored().sha256(), file.stored().storageKey()));
        }
        outbox.enqueue(DELIVER_CASE, id);
        return submission;
    }

    private static String mediaType(String given) {
        return given == null || given.isBlank() ? "application/octet-stream" : given;
    }

    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Submission> byIdempotencyKey(String key) {
        return em.createNamedQuery(Submission.BY_IDEMPOTENCY_KEY, Submission.class)
                .setParameter("key", key).getResultStream().findFirst();
    }

    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Submission> byReference(String reference) {
        return em.createNamedQuery(Submission.BY_REFERENCE, Submission.class)
                .setParameter("reference", reference).getResultStream().findFirst();
    }

    /** Usually one; several when Casegate was pointed at another CRM (a sandbox restarts its numbering). */
    @Transactional(TxType.REQUIRES_NEW)
    public List<Submission> byCaseNumber(String caseNumber) {
        return em.createNamedQuery(Submission.BY_CASE_NUMBER, Submission.class)
                .setParameter("caseNumber", caseNumber).getResultList();
    }

    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Submission> byId(UUID id) {
        return Optional.ofNullable(em.find(Submission.class, id.toString()));
    }

    /** What a delivery attempt starts from: the submission, its files and the steps done before. */
    public record ToDeliver(Submission submission, List<Attachment> attachments, Map<String, String> completedSteps) {
    }

    /** Everything a delivery attempt needs, read in one transaction: it is on the way to the visitor's case number. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<ToDeliver> toDeliver(UUID submissionId) {
        String id = submissionId.toString();
        return Optional.ofNullable(em.find(Submission.class, id)).map(submission -> new ToDeliver(submission,
                em.createNamedQuery(Attachment.OF_SUBMISSION, Attachment.class).setParameter("submissionId", id).getResultList(),
                em.createNamedQuery(CaseStep.OF_SUBMISSION, CaseStep.class).setParameter("submissionId", id)
                        .getResultStream().collect(Collectors.toMap(CaseStep::step, CaseStep::result))));
    }

    /**
     * The case exists and has its number: from now on the visitor is shown it. Gives the time from
     * acceptance to the number the first time only (a resumed delivery reports the case again).
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Duration> caseOpened(UUID submissionId, String caseId, String caseNumber) {
        Submission submission = em.find(Submission.class, submissionId.toString());
        return submission.caseOpened(caseId, caseNumber, clock.instant())
                ? Optional.of(Duration.between(submission.receivedAt(), submission.caseOpenedAt()))
                : Optional.empty();
    }

    /** The case that a submission became, and its acknowledgement due, in one transaction. */
    @Transactional(TxType.REQUIRES_NEW)
    public void delivered(UUID submissionId, String caseId, String caseNumber, String contactId, String accountId,
            boolean acknowledge) {
        Submission submission = em.find(Submission.class, submissionId.toString());
        submission.delivered(caseId, caseNumber, contactId, accountId, clock.instant());
        if (acknowledge && outbox.find(ACKNOWLEDGE, submissionId).isEmpty()) {
            outbox.enqueue(ACKNOWLEDGE, submissionId);
        }
    }

    /** Marks the acknowledgement as being sent, unless it was started before: true when the caller may send it. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean startAcknowledgement(UUID submissionId) {
        Submission submission = em.find(Submission.class, submissionId.toString());
        if (submission.acknowledgementStartedAt() != null) {
            return false;
        }
        submission.acknowledgementStarted(clock.instant());
        return true;
    }

    /** The acknowledgement was certainly not sent (the mail server refused it): it may be tried again. */
    @Transactional(TxType.REQUIRES_NEW)
    public void acknowledgementNotSent(UUID submissionId) {
        em.find(Submission.class, submissionId.toString()).acknowledgementNotSent();
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void acknowledgementSent(UUID submissionId) {
        em.find(Submission.class, submissionId.toString()).acknowledgementSent(clock.instant());
    }

    /** Removes, with {@code deleteFile}, the stored files of submissions delivered before {@code cutoff}; how many. */
    @Transactional(TxType.REQUIRES_NEW)
    public int removeAttachmentsDeliveredBefore(Instant cutoff, Consumer<String> deleteFile) {
        List<Attachment> expired = em.createQuery("SELECT a FROM Attachment a, Submission s WHERE a.submissionId = s.id"
                        + " AND a.removedAt IS NULL AND s.deliveredAt IS NOT NULL AND s.deliveredAt <= :cutoff", Attachment.class)
                .setParameter("cutoff", cutoff)
                .setMaxResults(500)
                .getResultList();
        Instant now = clock.instant();
        for (Attachment attachment : expired) {
            deleteFile.accept(attachment.storageKey());
            attachment.removed(now);
        }
        return expired.size();
    }

    /** Whether a stored file belongs to a submission (else it is an orphan of an interrupted intake). */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean isAttachment(String storageKey) {
        return em.createQuery("SELECT COUNT(a) FROM Attachment a WHERE a.storageKey = :key", Long.class)
                .setParameter("key", storageKey).getSingleResult() > 0;
    }
}
