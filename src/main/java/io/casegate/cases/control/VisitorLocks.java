package io.casegate.cases.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.casegate.cases.entity.CaseRequest;
import io.casegate.delivery.entity.DeliveryDeferred;
import io.casegate.platform.DatabaseSchema;

/**
 * One visitor, one contact: deliveries of the same visitor (the same e-mail, phone or organisation,
 * {@link VisitorKeys}) take turns at searching for and creating the contact and the organisation,
 * across threads and nodes, through the table {@code visitor_lock}. A delivery takes all of its
 * visitor's keys in one transaction, or none; holds them until its contact step is recorded (the next
 * one then finds that contact by searching); and holds them at most for a lease as long as the
 * outbox's own, so that a crashed node's keys are taken over once its delivery could no longer be
 * running. Deliveries of other visitors share no key and never wait. Plain JDBC, in transactions of
 * its own: a refused insert ends a PostgreSQL transaction, and exactly that is the answer "busy".
 */
@ApplicationScoped
public class VisitorLocks {

    private static final Logger LOG = Logger.getLogger(VisitorLocks.class.getName());

    /** Takes over a key that this holder already has (a retry of the same delivery) or whose lease ran out. */
    static final String TAKE_OVER =
            "UPDATE visitor_lock SET holder = ?, held_until = ? WHERE lock_key = ? AND (holder = ? OR held_until < ?)";

    static final String TAKE = "INSERT INTO visitor_lock (lock_key, holder, held_until) VALUES (?, ?, ?)";

    /** A source of connections outside any container transaction, for tests a plain data source. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    @Inject
    DatabaseSchema database;

    @Inject
    Clock clock;

    /**
     * How long a delivery's attempt may run; the keys are held for as long as the outbox leases the
     * attempt (twice this and 5 s), since the attempt's thread may outlive its timeout.
     */
    @Inject
    @ConfigProperty(name = "casegate.delivery.attempt-timeout", defaultValue = "60s")
    Duration attemptTimeout;

    /** How soon a delivery whose visitor is busy tries again; up to as much again is added at random. */
    @Inject
    @ConfigProperty(name = "casegate.cases.visitor-wait", defaultValue = "250ms")
    Duration visitorWait;

    private Connections connections;

    public VisitorLocks() {}

    /** Wired by hand, for tests. */
    public VisitorLocks(Connections connections, Clock clock, Duration attemptTimeout, Duration visitorWait) {
        this.connections = connections;
        this.clock = clock;
        this.attemptTimeout = attemptTimeout;
        this.visitorWait = visitorWait;
    }

    /**
     * This delivery's turn at its visitor's contact, with its keys taken; empty while another delivery
     * of the same visitor has its turn. A delivery whose contact step is recorded needs no turn.
     */
    @Transactional(TxType.NOT_SUPPORTED)
    public Optional<VisitorTurn> turn(CaseRequest request, CaseProgress progress) {
        SortedSet<String> keys =
                progress.results().containsKey(Step.CONTACT.name()) ? new TreeSet<>() : VisitorKeys.of(request);
        return take(keys, request.submissionId())
                ? Optional.of(new VisitorTurn(this, keys, request.submissionId(), progress))
                : Optional.empty();
    }

    /** The answer to a delivery that has to wait for its turn: not a failure, and soon tried again. */
    public DeliveryDeferred notYourTurn() {
        long wait = Math.max(1, visitorWait.toMillis());
        return new DeliveryDeferred(
                "Another delivery of the same visitor is finding or creating the contact",
                Duration.ofMillis(wait + ThreadLocalRandom.current().nextLong(wait + 1)));
    }

    Duration lease() {
        return attemptTimeout.multipliedBy(2).plusSeconds(5);
    }

    /**
     * Takes every one of {@code keys} for {@code holder}, or none of them: false when another
     * delivery holds one. A database failure is thrown, and fails the attempt like any other.
     */
    @Transactional(TxType.NOT_SUPPORTED)
    public boolean take(Collection<String> keys, UUID holder) {
        if (keys.isEmpty()) {
            return true;
        }
        Instant now = clock.instant();
        Timestamp until = Timestamp.from(now.plus(lease()));
        try (Connection connection = open()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement takeOver = connection.prepareStatement(TAKE_OVER);
                    PreparedStatement take = connection.prepareStatement(TAKE)) {
                for (String key : keys) {
                    takeOver.setString(1, holder.toString());
                    takeOver.setTimestamp(2, until);
                    takeOver.setString(3, key);
                    takeOver.setString(4, holder.toString());
                    takeOver.setTimestamp(5, Timestamp.from(now));
                    if (takeOver.executeUpdate() == 1) {
                        continue;
                    }
                    take.setString(1, key);
                    take.setString(2, holder.toString());
                    take.setTimestamp(3, until);
                    take.executeUpdate();
                }
                connection.commit();
                return true;
            } catch (SQLException refused) {
                connection.rollback();
                if (isBusy(refused)) {
                    return false;
                }
                throw refused;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("Could not take the visitor's keys: " + failed.getMessage(), failed);
        }
    }

    /** Gives back the keys that {@code holder} still holds; a key taken over by another delivery stays theirs. */
    @Transactional(TxType.NOT_SUPPORTED)
    public void release(Collection<String> keys, UUID holder) {
        if (keys.isEmpty()) {
            return;
        }
        String marks = String.join(", ", Collections.nCopies(keys.size(), "?"));
        try (Connection connection = open();
                PreparedStatement release = connection.prepareStatement(
                        "DELETE FROM visitor_lock WHERE holder = ? AND lock_key IN (" + marks + ")")) {
            release.setString(1, holder.toString());
            int i = 2;
            for (String key : keys) {
                release.setString(i++, key);
            }
            release.executeUpdate();
        } catch (SQLException | RuntimeException failed) {
            // Not lost: the keys' lease runs out, and then the visitor's next delivery takes them over.
            LOG.log(Level.WARNING, "Could not give back the keys of submission " + holder + ": " + failed, failed);
        }
    }

    /**
     * A key held by another: its primary key refused the insert (SQLState class 23), or the row is
     * locked by a taker that has not committed yet, and the database gave up waiting for it (H2's
     * lock timeout, PostgreSQL's lock and serialisation failures).
     */
    static boolean isBusy(SQLException refused) {
        String state = refused.getSQLState();
        return state != null
                && (state.startsWith("23")
                        || Set.of("HYT00", "40001", "40P01", "55P03").contains(state));
    }

    private Connection open() throws SQLException {
        return connections != null ? connections.open() : database.connection();
    }
}
