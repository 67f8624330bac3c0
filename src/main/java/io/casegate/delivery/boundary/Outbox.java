package io.casegate.delivery.boundary;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.casegate.delivery.entity.OutboxEntry;
import io.casegate.platform.SqlTimes;

/**
 * The outbox table: entries are added inside the caller's transaction (with the data they are
 * about), and claimed, completed, retried or given up each in a transaction of their own.
 */
@ApplicationScoped
public class Outbox {

    /**
     * Claims an entry by taking its lease, only if it is still pending, due, and not leased by a
     * live attempt. The same statement on H2 and PostgreSQL; with several nodes on one database
     * exactly one of them updates the row.
     */
    static final String CLAIM = "UPDATE outbox_entry SET lease_owner = ?, lease_until = ?, attempts = attempts + 1"
            + " WHERE id = ? AND state = 'PENDING' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)";

    /**
     * Sends a dead letter back to delivery, once: only the request whose UPDATE finds it still
     * {@code DEAD} requeues it, so two administrators clicking at once start one delivery. The
     * attempts start again at zero (a fresh retry budget); the CRM call log keeps the history.
     */
    static final String REQUEUE = "UPDATE outbox_entry SET state = 'PENDING', attempts = 0, next_attempt_at = ?,"
            + " lease_owner = NULL, lease_until = NULL, completed_at = NULL WHERE id = ? AND state = 'DEAD'";

    /** What is waiting for delivery: how many entries, and since when the oldest. */
    public record Backlog(long pending, Instant oldestCreatedAt, long dead) {}

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
    List<String> due(int limit, Duration freshFor) {
        Instant now = clock.instant();
        // Entries that someone may still be waiting for come first, so that a backlog (after an
        // outage) never queues a new visitor's delivery behind it; then the rest, oldest first.
        List<String> due = new ArrayList<>(em.createNamedQuery(OutboxEntry.DUE_SINCE, String.class)
                .setParameter("pending", OutboxEntry.State.PENDING)
                .setParameter("since", now.minus(freshFor))
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList());
        if (due.size() < limit) {
            em
                    .createNamedQuery(OutboxEntry.DUE, String.class)
                    .setParameter("pending", OutboxEntry.State.PENDING)
                    .setParameter("now", now)
                    .setMaxResults(limit)
                    .getResultList()
                    .stream()
                    .filter(id -> !due.contains(id))
                    .limit(limit - due.size())
                    .forEach(due::add);
        }
        return due;
    }

    /** The entry with its lease taken by {@code owner} until now + {@code lease}, or empty when another has it or it is not due. */
    @Transactional(TxType.REQUIRES_NEW)
    Optional<OutboxEntry> claim(String entryId, String owner, Duration lease) {
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
    void done(String entryId) {
        OutboxEntry entry = em.find(OutboxEntry.class, entryId);
        if (entry != null) {
            entry.done(clock.instant());
        }
    }

    @Transactional(TxType.REQUIRES_NEW)
    void retryAt(String entryId, Instant next, String error, boolean keepLease) {
        OutboxEntry entry = em.find(OutboxEntry.class, entryId);
        if (entry != null && entry.state() == OutboxEntry.State.PENDING) {
            entry.retryAt(next, error, keepLease);
        }
    }

    @Transactional(TxType.REQUIRES_NEW)
    void defer(String entryId, Instant next, String reason) {
        OutboxEntry entry = em.find(OutboxEntry.class, entryId);
        if (entry != null && entry.state() == OutboxEntry.State.PENDING) {
            entry.defer(next, reason);
        }
    }

    @Transactional(TxType.REQUIRES_NEW)
    void dead(String entryId, String error) {
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

    /** True when this call moved the dead entry back to delivery; false when it was not (or no longer) dead. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean requeue(String entryId) {
        int requeued = em.createNativeQuery(REQUEUE)
                .setParameter(1, Timestamp.from(clock.instant()))
                .setParameter(2, entryId)
                .executeUpdate();
        if (requeued == 1) {
            enqueued.fire(new OutboxEntryEnqueued(entryId));
        }
        return requeued == 1;
    }

    /**
     * The backlog of every kind of work that has pending or dead entries, in one query (for the
     * metrics); a kind with neither is absent.
     */
    @Transactional(TxType.SUPPORTS)
    public Map<String, Backlog> backlogs() {
        List<Object[]> rows = em.createQuery(
                        "SELECT e.kind, e.state, COUNT(e), MIN(e.createdAt) FROM OutboxEntry e"
                                + " WHERE e.state IN :states GROUP BY e.kind, e.state",
                        Object[].class)
                .setParameter("states", List.of(OutboxEntry.State.PENDING, OutboxEntry.State.DEAD))
                .getResultList();
        Map<String, Backlog> backlogs = new TreeMap<>();
        for (Object[] row : rows) {
            String kind = (String) row[0];
            long count = ((Number) row[2]).longValue();
            Backlog known = backlogs.getOrDefault(kind, new Backlog(0, null, 0));
            backlogs.put(
                    kind,
                    row[1] == OutboxEntry.State.PENDING
                            ? new Backlog(count, SqlTimes.instant(row[3]), known.dead())
                            : new Backlog(known.pending(), known.oldestCreatedAt(), count));
        }
        return backlogs;
    }

    /** Whether work for the subject is still to be done (or being done): a delivery, an e-mail. */
    @Transactional(TxType.SUPPORTS)
    public boolean hasPending(UUID subjectId) {
        return em.createQuery(
                                "SELECT COUNT(e) FROM OutboxEntry e WHERE e.subjectId = :subjectId AND e.state = :state",
                                Long.class)
                        .setParameter("subjectId", subjectId.toString())
                        .setParameter("state", OutboxEntry.State.PENDING)
                        .getSingleResult()
                > 0;
    }

    /**
     * Forgets the error texts of a subject's entries (they may quote what the CRM or the mail server
     * said about a person), in the caller's transaction; states, attempts and times stay.
     */
    @Transactional(TxType.MANDATORY)
    public int forgetErrors(UUID subjectId) {
        return em.createQuery("UPDATE OutboxEntry e SET e.lastError = NULL WHERE e.subjectId = :subjectId")
                .setParameter("subjectId", subjectId.toString())
                .executeUpdate();
    }

    /**
     * Removes a subject's work still to do (pending and dead entries; done ones stay as the record of
     * what was done), in the caller's transaction, unless an attempt holds one right now (a live
     * lease): then the answer is false and the caller rolls back. Nothing will be done for the
     * subject afterwards: no delivery, no e-mail. A node that claims an entry at the same
     * moment either finds it gone or holds the lease that makes this answer false.
     */
    @Transactional(TxType.MANDATORY)
    public boolean withdraw(UUID subjectId) {
        Timestamp now = Timestamp.from(clock.instant());
        em.createNativeQuery("DELETE FROM outbox_entry WHERE subject_id = ? AND state <> 'DONE'"
                        + " AND (state <> 'PENDING' OR lease_until IS NULL OR lease_until < ?)")
                .setParameter(1, subjectId.toString())
                .setParameter(2, now)
                .executeUpdate();
        Number left = (Number)
                em.createNativeQuery("SELECT COUNT(*) FROM outbox_entry WHERE subject_id = ? AND state <> 'DONE'")
                        .setParameter(1, subjectId.toString())
                        .getSingleResult();
        return left.longValue() == 0;
    }

    @Transactional(TxType.SUPPORTS)
    public Backlog backlog(String kind) {
        Object[] pending = em.createQuery(
                        "SELECT COUNT(e), MIN(e.createdAt) FROM OutboxEntry e WHERE e.kind = :kind AND e.state = :state",
                        Object[].class)
                .setParameter("kind", kind)
                .setParameter("state", OutboxEntry.State.PENDING)
                .getSingleResult();
        long dead = em.createQuery(
                        "SELECT COUNT(e) FROM OutboxEntry e WHERE e.kind = :kind AND e.state = :state", Long.class)
                .setParameter("kind", kind)
                .setParameter("state", OutboxEntry.State.DEAD)
                .getSingleResult();
        return new Backlog(((Number) pending[0]).longValue(), SqlTimes.instant(pending[1]), dead);
    }
}
