package io.casegate.delivery.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A piece of work to be done after an intake's commit, until it succeeds or is given up: deliver
 * a submission to the CRM, send its acknowledgement. While a node works on it, the entry carries
 * that node's lease; an expired lease (a crashed node) makes it due again.
 */
@Entity
@Table(name = "outbox_entry")
@NamedQuery(
        name = OutboxEntry.DUE,
        query =
                "SELECT e.id FROM OutboxEntry e WHERE e.state = :pending"
                        + " AND e.nextAttemptAt <= :now AND (e.leaseUntil IS NULL OR e.leaseUntil < :now) ORDER BY e.nextAttemptAt")
@NamedQuery(
        name = OutboxEntry.DUE_SINCE,
        query = "SELECT e.id FROM OutboxEntry e WHERE e.state = :pending AND e.createdAt >= :since"
                + " AND e.nextAttemptAt <= :now AND (e.leaseUntil IS NULL OR e.leaseUntil < :now) ORDER BY e.createdAt")
@NamedQuery(
        name = OutboxEntry.BY_SUBJECT,
        query = "SELECT e FROM OutboxEntry e WHERE e.kind = :kind AND e.subjectId = :subjectId")
public class OutboxEntry {

    public static final String DUE = "OutboxEntry.due";
    public static final String DUE_SINCE = "OutboxEntry.dueSince";
    public static final String BY_SUBJECT = "OutboxEntry.bySubject";

    public enum State {
        /** To be done, now or at {@code nextAttemptAt}. */
        PENDING,
        /** Done. */
        DONE,
        /** Given up: the CRM rejected it, or retries were exhausted. Needs an operator. */
        DEAD
    }

    @Id
    private String id;

    private String kind;

    @Column(name = "subject_id")
    private String subjectId;

    @Enumerated(EnumType.STRING)
    private State state;

    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "lease_owner")
    private String leaseOwner;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected OutboxEntry() {}

    public OutboxEntry(String kind, UUID subjectId, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.kind = kind;
        this.subjectId = subjectId.toString();
        this.state = State.PENDING;
        this.attempts = 0;
        this.nextAttemptAt = now;
        this.createdAt = now;
    }

    public void done(Instant at) {
        state = State.DONE;
        completedAt = at;
        leaseOwner = null;
        leaseUntil = null;
        lastError = null;
    }

    /**
     * Due again at {@code next}. The lease is kept when the attempt may still be running (a
     * timeout): no other attempt may start before it has expired.
     */
    public void retryAt(Instant next, String error, boolean keepLease) {
        nextAttemptAt = next;
        lastError = clip(error);
        if (!keepLease) {
            leaseOwner = null;
            leaseUntil = null;
        }
    }

    /** Tried again at {@code next}; the attempt that was deferred does not count. */
    public void defer(Instant next, String reason) {
        attempts = Math.max(0, attempts - 1);
        retryAt(next, reason, false);
    }

    public void dead(String error, Instant at) {
        state = State.DEAD;
        lastError = clip(error);
        completedAt = at;
        leaseOwner = null;
        leaseUntil = null;
    }

    private static String clip(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }

    public String id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public UUID subjectId() {
        return UUID.fromString(subjectId);
    }

    public State state() {
        return state;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String leaseOwner() {
        return leaseOwner;
    }

    public Instant leaseUntil() {
        return leaseUntil;
    }

    public String lastError() {
        return lastError;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant completedAt() {
        return completedAt;
    }
}
