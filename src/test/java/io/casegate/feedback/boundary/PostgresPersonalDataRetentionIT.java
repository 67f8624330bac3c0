package io.casegate.feedback.boundary;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.casegate.testing.CasegateProcess;
import io.casegate.testing.ThrowawayDatabase;

/**
 * The retention of personal data on PostgreSQL, with two nodes on one database (and one data
 * directory, as a shared volume): both run the timer, each submission is anonymised by one of them.
 */
class PostgresPersonalDataRetentionIT extends PersonalDataRetentionScenarios {

    static final Path DATA =
            Path.of("target", "it-data", "retention-pg-" + UUID.randomUUID()).toAbsolutePath();
    static ThrowawayDatabase db;
    static CasegateProcess first;
    static CasegateProcess second;

    @BeforeAll
    static void start() throws SQLException {
        db = ThrowawayDatabase.create("retention");
        Map<String, String> settings = settings(DATA);
        settings.putAll(db.casegateSettings());
        settings.put("casegate.sandbox.enabled", "true");
        first = CasegateProcess.start("retention-pg-first", "casegate", settings, "index.xhtml");
        Map<String, String> other = settings(DATA);
        other.putAll(db.casegateSettings());
        other.putAll(first.crmSettings());
        second = CasegateProcess.start("retention-pg-second", "casegate", other, "index.xhtml");
    }

    @AfterAll
    static void stop() throws SQLException {
        for (CasegateProcess node : new CasegateProcess[] {second, first}) {
            if (node != null) {
                node.close();
            }
        }
        if (db != null) {
            db.drop();
        }
    }

    @Override
    CasegateProcess node() {
        return first;
    }

    @Override
    List<CasegateProcess> nodes() {
        return List.of(second, first);
    }

    @Override
    Connection database() throws SQLException {
        return db.connect();
    }

    @Override
    Path dataDir() {
        return DATA;
    }

    @Test
    void retentionWithTwoNodes() throws Exception {
        deliveredSubmissionsLoseTheirPersonalDataAfterTheRetentionAndUndeliveredOnesKeepIt();
    }
}
