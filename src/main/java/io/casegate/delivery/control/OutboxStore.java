package io.casegate.delivery.control;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.casegate.delivery.entity.OutboxEntry;

/**
 * The outbox table: entries are added inside the caller's transaction (with the data they are
 * about), and claimed, completed, retried or given up each in a transaction of their own.
 */
@ApplicationScoped
public class OutboxStore {

    /**
     * Claims an entry by taking its lease, only if it is still pending, due, and not leased by a
     * live attempt. The same statement on H2 and PostgreSQL; with several nodes on one database
     * exactly one of them updates the row.
     */
    static final String CLAIM = "UPDATE outbox_entry SET lease_owner = ?, lease_until = ?, attempts = attempts + 1"
            + " WHERE id = ? AND state = 'PENDING' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)";

    @PersistenceContext(unitName = "casegate")
    EntityManager em;

    @Inject
    Event<OutboxEntryEnqueued> enqueued;

    @Inject
    Clock clock;

    /** Adds an entry in the caller's transaction; the dispatcher starts on it once that commits. */
    @Transactional(TxType.MANDATORY)
    public OutboxEntry enqueue(String kind, UUID subjectId) {
        OutboxEntry entry = new OutboxEntry(kind, subjectId, clock.instant());
        em.persist(entry);
        enqueued.fire(new OutboxEntryEnqueued(entry.id()));
        return entry;
    }

    @Transactional(TxType.REQUIRES_NEW)
    public List<String> due(int limit) {
        Instant now = clock.instant();
        return em.createNamedQuery(OutboxEntry.DUE, String.class)
                .setParameter("pending", OutboxEntry.State.PENDING)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList();
    }

    /** The entry with its lease taken by {@code owner} until now + {@code lease}, or empty when another has it or it is not due. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<OutboxEntry> claim(String entryId, String owner, Duration lease) {
        Instant now = clock.instant();
        int claimed = em.createNativeQuery(CLAIM)
                .setParameter(1, owner)
                .setParameter(2, Timestamp.from(now.plus(lease)))
                .setParameter(3, entryId)
                .setParameter(4, Timestamp.from(now))
                .setParameter(5, Timestamp.from(now))
                .executeUpdate();
        if (claimed != 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(OutboxEntry.class, entryId));
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void done(String entryId) {
        OutboxEntry entry = em.find(OutboxEntry.class, entryId);
        if (entry != null) {
            entry.done(clock.instant());
        }
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void retryAt(String entryId, Instant next, String error, boolean keepLease) {
        OutboxEntry entry = em.find(OutboxEntry.class, entryId);
        if (entry != null && entry.state() == OutboxEntry.State.PENDING) {
            entry.retryAt(next, error, keepLease);
        }
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void dead(String entryId, String error) {
        OutboxEntry entry = em.find(OutboxEntry.class, entryId);
        if (entry != null && entry.state() == OutboxEntry.State.PENDING) {
            entry.dead(error, clock.instant());
        }
    }

    @Transactional(TxType.SUPPORTS)
    public Optional<OutboxEntry> find(String kind, UUID subjectId) {
        return em.createNamedQuery(OutboxEntry.BY_SUBJECT, OutboxEntry.class)
                .setParameter("kind", kind)
                .setParameter("subjectId", subjectId.toString())
                .getResultStream()
                .findFirst();
    }
}
