package io.casegate.feedback.boundary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.casegate.attachments.boundary.Attachments;
import io.casegate.attachments.entity.StoredAttachment;
import io.casegate.delivery.boundary.Outbox;
import io.casegate.feedback.control.ReferenceNumbers;
import io.casegate.feedback.entity.Submission;
import io.casegate.feedback.entity.SubmissionDelivered;
import io.casegate.feedback.entity.SubmissionFields;

/**
 * The submissions, feedback's public face for the components downstream: the intake records them;
 * the case workflow reads them and records the case each became; the acknowledgement marks its
 * e-mail. Each submission's job in the outbox ({@link #DELIVER_CASE}) is enqueued with it.
 */
@ApplicationScoped
public class Submissions {

    /** The outbox job that opens a submission's case in the CRM. */
    public static final String DELIVER_CASE = "DELIVER_CASE";

    /** One new submission, as the intake hands it over. */
    record NewSubmission(
            SubmissionFields fields,
            String channel,
            String idempotencyKey,
            Locale locale,
            String clientIp,
            String userAgent,
            Instant consentGivenAt,
            String consentTextVersion,
            String apiClient) {}

    @PersistenceContext(unitName = "casegate")
    EntityManager em;

    @Inject
    ReferenceNumbers references;

    @Inject
    Outbox outbox;

    @Inject
    Attachments attachments;

    @Inject
    Event<SubmissionDelivered> deliveredEvents;

    @Inject
    Clock clock;

    /**
     * The submission, its attachments and its delivery job, in one transaction of their own:
     * either all are stored and the visitor's reference is valid, or none is.
     */
    @Transactional(TxType.REQUIRES_NEW)
    Submission record(NewSubmission incoming, List<StoredAttachment> files) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        Submission submission = new Submission(
                id,
                references.next(now),
                incoming.idempotencyKey(),
                incoming.channel(),
                incoming.fields(),
                incoming.locale(),
                incoming.clientIp(),
                incoming.userAgent(),
                incoming.consentGivenAt() == null ? now : incoming.consentGivenAt(),
                incoming.consentTextVersion() == null ? "unknown" : incoming.consentTextVersion(),
                now);
        submission.madeWith(incoming.apiClient());
        em.persist(submission);
        // The attachments' foreign key needs the submission's row first; the provider does not
        // order inserts by a key that is not mapped as a relationship.
        em.flush();
        attachments.attach(id, files);
        outbox.enqueue(DELIVER_CASE, id);
        return submission;
    }

    @Transactional(TxType.REQUIRES_NEW)
    Optional<Submission> byIdempotencyKey(String key) {
        return em.createNamedQuery(Submission.BY_IDEMPOTENCY_KEY, Submission.class)
                .setParameter("key", key)
                .getResultStream()
                .findFirst();
    }

    @Transactional(TxType.REQUIRES_NEW)
    Optional<Submission> byReference(String reference) {
        return em.createNamedQuery(Submission.BY_REFERENCE, Submission.class)
                .setParameter("reference", reference)
                .getResultStream()
                .findFirst();
    }

    /** The submission whose status link carries this token. */
    @Transactional(TxType.REQUIRES_NEW)
    Optional<Submission> byStatusToken(String token) {
        return em.createNamedQuery(Submission.BY_STATUS_TOKEN, Submission.class)
                .setParameter("token", token)
                .getResultStream()
                .findFirst();
    }

    /**
     * How many acknowledgements were started to this address (in any case) since {@code since}:
     * the daily cap per recipient. Other nodes' are counted too (the row is shared).
     */
    @Transactional(TxType.REQUIRES_NEW)
    public long acknowledgementsTo(String email, Instant since) {
        return em.createQuery(
                        "SELECT COUNT(s) FROM Submission s WHERE LOWER(s.email) = :email"
                                + " AND s.acknowledgementStartedAt >= :since",
                        Long.class)
                .setParameter("email", PersonalData.normalised(email))
                .setParameter("since", since)
                .getSingleResult();
    }

    /** Usually one; several when Casegate was pointed at another CRM (a sandbox restarts its numbering). */
    @Transactional(TxType.REQUIRES_NEW)
    List<Submission> byCaseNumber(String caseNumber) {
        return em.createNamedQuery(Submission.BY_CASE_NUMBER, Submission.class)
                .setParameter("caseNumber", caseNumber)
                .getResultList();
    }

    /** In the caller's transaction when there is one: the case workflow reads the submission with its files and steps. */
    @Transactional(TxType.REQUIRED)
    public Optional<Submission> byId(UUID id) {
        return Optional.ofNullable(em.find(Submission.class, id.toString()));
    }

    /**
     * The case exists and has its number: from now on the visitor is shown it. Gives the time from
     * acceptance to the number the first time only (a resumed delivery reports the case again).
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Duration> caseOpened(UUID submissionId, UUID caseId, String caseNumber) {
        Submission submission = em.find(Submission.class, submissionId.toString());
        return submission.caseOpened(caseId.toString(), caseNumber, clock.instant())
                ? Optional.of(Duration.between(submission.receivedAt(), submission.caseOpenedAt()))
                : Optional.empty();
    }

    /**
     * The case that a submission became, with its message and files, and whatever its observers
     * start on that ({@link SubmissionDelivered}), in one transaction.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void delivered(UUID submissionId, UUID caseId, String caseNumber, UUID contactId, UUID accountId) {
        Submission submission = em.find(Submission.class, submissionId.toString());
        submission.delivered(text(caseId), caseNumber, text(contactId), text(accountId), clock.instant());
        deliveredEvents.fire(new SubmissionDelivered(submissionId));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
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
}
