package io.casegate.feedback.boundary;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.casegate.testing.CasegateProcess;

/** The retention of personal data on the embedded H2 database, one node. */
class H2PersonalDataRetentionIT extends PersonalDataRetentionScenarios {

    static final Path DATA =
            Path.of("target", "it-data", "retention-h2-" + UUID.randomUUID()).toAbsolutePath();
    static CasegateProcess casegate;

    @BeforeAll
    static void start() {
        Map<String, String> settings = settings(DATA);
        settings.put("casegate.sandbox.enabled", "true");
        casegate = CasegateProcess.start("retention-h2", "casegate", settings, "index.xhtml");
    }

    @AfterAll
    static void stop() {
        if (casegate != null) {
            casegate.close();
        }
    }

    @Override
    CasegateProcess node() {
        return casegate;
    }

    @Override
    List<CasegateProcess> nodes() {
        return List.of(casegate);
    }

    /** The database file, opened once the node has stopped (H2 lets one process at a time have it). */
    @Override
    Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + DATA.resolve("db").resolve("casegate"), "casegate", "");
    }

    @Override
    Path dataDir() {
        return DATA;
    }

    @Test
    void retention() throws Exception {
        deliveredSubmissionsLoseTheirPersonalDataAfterTheRetentionAndUndeliveredOnesKeepIt();
    }
}
