package io.casegate.delivery.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The claim statement against the real schema (H2, migrated by the production scripts): one
 * claimant wins, a live lease blocks, an expired lease is taken over, and a finished or
 * not-yet-due entry is left alone.
 */
class OutboxLeaseTest {

    JdbcDataSource database;
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    String entry = UUID.randomUUID().toString();

    @BeforeEach
    void migratedDatabase() throws SQLException {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO outbox_entry"
                                + " (id, kind, subject_id, state, attempts, next_attempt_at, created_at) VALUES (?, 'DELIVER_CASE', ?, 'PENDING', 0, ?, ?)")) {
            insert.setString(1, entry);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setTimestamp(3, Timestamp.from(now));
            insert.setTimestamp(4, Timestamp.from(now));
            insert.executeUpdate();
        }
    }

    @Test
    void exactlyOneOfTwoNodesClaimsAnEntry() throws SQLException {
        assertEquals(1, claim("node-a", now, Duration.ofMinutes(2)));
        assertEquals(0, claim("node-b", now.plusSeconds(1), Duration.ofMinutes(2)));
        assertEquals(0, claim("node-a", now.plusSeconds(1), Duration.ofMinutes(2)));
    }

    @Test
    void anExpiredLeaseOfACrashedNodeIsTakenOver() throws SQLException {
        assertEquals(1, claim("crashed", now, Duration.ofMinutes(2)));
        assertEquals(0, claim("survivor", now.plus(Duration.ofMinutes(2)), Duration.ofMinutes(2)));
        assertEquals(1, claim("survivor", now.plus(Duration.ofMinutes(2)).plusMillis(1), Duration.ofMinutes(2)));
        assertEquals(2, attempts());
    }

    @Test
    void anEntryIsNotClaimedBeforeItIsDue() throws SQLException {
        update("UPDATE outbox_entry SET next_attempt_at = ? WHERE id = ?", now.plusSeconds(30));
        assertEquals(0, claim("node-a", now, Duration.ofMinutes(2)));
        assertEquals(1, claim("node-a", now.plusSeconds(30), Duration.ofMinutes(2)));
    }

    @Test
    void finishedEntriesAreNeverClaimed() throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.createStatement().executeUpdate("UPDATE outbox_entry SET state = 'DONE'");
        }
        assertEquals(0, claim("node-a", now.plusSeconds(3600), Duration.ofMinutes(2)));
    }

    private int claim(String owner, Instant at, Duration lease) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement claim = connection.prepareStatement(Outbox.CLAIM)) {
            claim.setString(1, owner);
            claim.setTimestamp(2, Timestamp.from(at.plus(lease)));
            claim.setString(3, entry);
            claim.setTimestamp(4, Timestamp.from(at));
            claim.setTimestamp(5, Timestamp.from(at));
            return claim.executeUpdate();
        }
    }

    private void update(String sql, Instant value) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(value));
            statement.setString(2, entry);
            statement.executeUpdate();
        }
    }

    private int attempts() throws SQLException {
        try (Connection connection = database.getConnection();
                var result = connection.createStatement().executeQuery("SELECT attempts FROM outbox_entry")) {
            result.next();
            return result.getInt(1);
        }
    }
}
