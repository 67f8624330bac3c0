package io.casegate.attachments.boundary;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.casegate.attachments.entity.AttachedFile;
import io.casegate.attachments.entity.Attachment;
import io.casegate.attachments.entity.StoredAttachment;
import io.casegate.platform.FileExtensions;

/**
 * A submission's attachments (table {@code attachment}): recorded with the submission, read by the
 * case workflow with their bytes from the {@link AttachmentStore}, and removed from local storage
 * once the CRM has them and the retention has passed.
 */
@ApplicationScoped
public class Attachments {

    @PersistenceContext(unitName = "casegate")
    EntityManager em;

    @Inject
    AttachmentStore store;

    @Inject
    AttachmentRetention retention;

    @Inject
    ExternalFileStore externalFiles;

    @Inject
    Clock clock;

    /** Records already stored files as a submission's attachments, in the transaction that records the submission. */
    @Transactional(TxType.MANDATORY)
    public void attach(UUID submissionId, List<StoredAttachment> files) {
        int ordinal = 0;
        for (StoredAttachment file : files) {
            em.persist(new Attachment(
                    UUID.randomUUID(),
                    submissionId,
                    ordinal++,
                    file.file().fileName(),
                    file.file().mediaType(),
                    file.stored().size(),
                    file.stored().sha256(),
                    file.stored().storageKey()));
        }
    }

    /** A submission's files in the order the visitor attached them, their bytes read from the store on demand. */
    @Transactional(TxType.SUPPORTS)
    public List<AttachedFile> of(UUID submissionId) {
        return em.createNamedQuery(Attachment.OF_SUBMISSION, Attachment.class)
                .setParameter("submissionId", submissionId.toString())
                .getResultStream()
                .map(file -> new AttachedFile(
                        file.id(),
                        file.fileName(),
                        // from the name again: a row stored before the type was derived holds the sender's
                        FileExtensions.mediaType(file.fileName()),
                        file.size(),
                        () -> store.open(file.storageKey())))
                .toList();
    }

    /** The submission is in the CRM: with a retention of zero, its files leave local storage at once. */
    public void afterDelivery(UUID submissionId) {
        retention.afterDelivery(submissionId);
    }

    /**
     * Removes, with {@code deleteFile}, the stored files of submissions delivered before
     * {@code cutoff}; their rows stay, marked as removed. How many. The delivery time is the
     * submission's ({@code feedback} owns it): this query only reads it.
     */
    @Transactional(TxType.REQUIRES_NEW)
    int removeDeliveredBefore(Instant cutoff, Consumer<String> deleteFile) {
        List<Attachment> expired = em.createQuery(
                        "SELECT a FROM Attachment a, Submission s WHERE a.submissionId = s.id"
                                + " AND a.removedAt IS NULL AND s.deliveredAt IS NOT NULL AND s.deliveredAt <= :cutoff",
                        Attachment.class)
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

    /**
     * The personal data of a submission's files leaves Casegate (retention or a data-subject
     * request, in the caller's transaction): the stored files and their published copies
     * ({@code /files/}) are removed and the names blanked; type, size and digest stay. How many files.
     */
    @Transactional(TxType.MANDATORY)
    public int anonymise(UUID submissionId) {
        List<Attachment> files = em.createNamedQuery(Attachment.OF_SUBMISSION, Attachment.class)
                .setParameter("submissionId", submissionId.toString())
                .getResultList();
        Instant now = clock.instant();
        for (Attachment file : files) {
            if (file.removedAt() == null) {
                store.delete(file.storageKey());
            }
            externalFiles.withdraw(file.id());
            file.anonymise(now);
        }
        return files.size();
    }

    /** Whether a stored file belongs to a submission (else it is an orphan of an interrupted intake). */
    @Transactional(TxType.REQUIRES_NEW)
    boolean isAttachment(String storageKey) {
        return em.createQuery("SELECT COUNT(a) FROM Attachment a WHERE a.storageKey = :key", Long.class)
                        .setParameter("key", storageKey)
                        .getSingleResult()
                > 0;
    }
}
