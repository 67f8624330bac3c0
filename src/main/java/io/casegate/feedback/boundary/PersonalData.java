package io.casegate.feedback.boundary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.casegate.attachments.boundary.Attachments;
import io.casegate.delivery.boundary.Outbox;
import io.casegate.feedback.entity.Submission;
import io.casegate.feedback.entity.SubmissionAnonymised;
import io.casegate.feedback.entity.VisitorErasure;

/**
 * The visitors' personal data under 152-FZ (docs/security.md, "Personal data"): blanked once a
 * submission is delivered and its retention has passed ({@link PersonalDataRetention}), and erased
 * at once for one visitor when an administrator carries out a data-subject request.
 * <p>
 * Anonymising a submission blanks its row ({@link Submission#anonymise}), removes its files and
 * their published copies and blanks the files' names ({@link Attachments#anonymise}), forgets the
 * error texts of its outbox entries, and fires {@link SubmissionAnonymised} (the CRM call log of
 * the submission goes), all in one transaction.
 */
@ApplicationScoped
public class PersonalData {

    /** The result of a data-subject request, for the administrator. */
    public record Erasure(String maskedEmail, int submissions, int undelivered, List<String> caseNumbers) {}

    /**
     * A delivery or an e-mail of the visitor is being attempted right now: nothing was erased (the
     * attempt would carry the data on). Asking again in a minute succeeds.
     */
    public static class ErasureRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ErasureRefused(String reference) {
            super("A delivery or an e-mail of " + reference + " is in progress; nothing was erased");
        }
    }

    /** Claims a submission's anonymisation: with several nodes on one database, one of them does it. */
    static final String CLAIM =
            "UPDATE submission SET anonymised_at = ? WHERE id = ? AND anonymised_at IS NULL AND delivered_at IS NOT NULL";

    @PersistenceContext(unitName = "casegate")
    EntityManager em;

    @Inject
    Attachments attachments;

    @Inject
    Outbox outbox;

    @Inject
    Event<SubmissionAnonymised> anonymised;

    @Inject
    Clock clock;

    /** Delivered submissions whose retention ended at {@code cutoff}, oldest first. */
    @Transactional(TxType.REQUIRES_NEW)
    List<UUID> deliveredBefore(Instant cutoff, int limit) {
        return em.createNamedQuery(Submission.TO_ANONYMISE, String.class)
                .setParameter("cutoff", cutoff)
                .setMaxResults(limit)
                .getResultStream()
                .map(UUID::fromString)
                .toList();
    }

    /**
     * Anonymises one delivered submission, unless another node just did, or its acknowledgement is
     * still to be sent (it needs the address: the submission waits for the next round). True when
     * this call anonymised it.
     */
    @Transactional(TxType.REQUIRES_NEW)
    boolean anonymiseDelivered(UUID submissionId) {
        if (outbox.hasPending(submissionId)) {
            return false;
        }
        int claimed = em.createNativeQuery(CLAIM)
                .setParameter(1, Timestamp.from(clock.instant()))
                .setParameter(2, submissionId.toString())
                .executeUpdate();
        if (claimed != 1) {
            return false;
        }
        Submission submission = em.find(Submission.class, submissionId.toString());
        em.refresh(submission);
        anonymise(submission, false);
        return true;
    }

    private void anonymise(Submission submission, boolean withdrawToken) {
        submission.anonymise(clock.instant(), withdrawToken);
        attachments.anonymise(submission.id());
        outbox.forgetErrors(submission.id());
        anonymised.fire(new SubmissionAnonymised(submission.id()));
    }

    /**
     * A data-subject request: every submission made with this e-mail address (in any case) is
     * anonymised now, whether delivered or not, its status link withdrawn, and its outbox entries
     * removed, so an undelivered one is never delivered and no e-mail follows. All or nothing: while
     * one of them is being delivered or e-mailed at this moment, nothing is erased
     * ({@link ErasureRefused}). Recorded in {@code visitor_erasure} without the address.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Erasure erase(String email, String administrator) {
        String address = normalised(email);
        if (address.isEmpty() || !address.contains("@")) {
            throw new IllegalArgumentException("Not an e-mail address");
        }
        List<Submission> found = em.createNamedQuery(Submission.OF_VISITOR, Submission.class)
                .setParameter("email", address)
                .getResultList();
        int undelivered = 0;
        for (Submission submission : found) {
            if (!outbox.withdraw(submission.id())) {
                throw new ErasureRefused(submission.reference());
            }
            if (submission.deliveredAt() == null) {
                undelivered++;
            }
        }
        List<String> caseNumbers = found.stream()
                .map(Submission::caseNumber)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        found.forEach(submission -> anonymise(submission, true));
        String masked = masked(address);
        em.persist(new VisitorErasure(
                clock.instant(),
                administrator,
                sha256(address),
                masked,
                found.size(),
                undelivered,
                caseNumbers.isEmpty() ? null : String.join(", ", caseNumbers)));
        return new Erasure(masked, found.size(), undelivered, caseNumbers);
    }

    /** The latest data-subject requests, newest first. */
    @Transactional(TxType.SUPPORTS)
    public List<VisitorErasure> latestErasures(int limit) {
        return em.createNamedQuery(VisitorErasure.LATEST, VisitorErasure.class)
                .setMaxResults(limit)
                .getResultList();
    }

    static String normalised(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /** {@code ivan.petrov@example.ru} → {@code i***@e***.ru}: enough for a person to recognise, not to write to. */
    public static String masked(String email) {
        String address = normalised(email);
        int at = address.lastIndexOf('@');
        if (at < 1 || at == address.length() - 1) {
            return "***";
        }
        String domain = address.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String tld = dot > 0 ? domain.substring(dot) : "";
        return address.charAt(0) + "***@" + domain.charAt(0) + "***" + tld;
    }

    /** The SHA-256 of the lower-cased address, hex: recognises a repeated request without keeping the address. */
    public static String sha256(String email) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(normalised(email).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
