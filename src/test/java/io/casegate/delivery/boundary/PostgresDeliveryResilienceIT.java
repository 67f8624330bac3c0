package io.casegate.delivery.boundary;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CasegateProcess;

/**
 * The outage and crash scenarios on PostgreSQL: the machine's server on 127.0.0.1:5432
 * ({@code casegate.it.postgres.*} to change), in a database of the run's own
 * ({@code casegate_it_<random>}), created at the start and dropped at the end; no other database is touched.
 */
class PostgresDeliveryResilienceIT extends DeliveryResilienceScenarios {

    static final String SERVER = System.getProperty("casegate.it.postgres.server", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getProperty("casegate.it.postgres.user", "postgres");
    static final String PASSWORD = System.getProperty("casegate.it.postgres.password", "");
    /** Of this run only: other worktrees may run this same test on the same server at the same time. */
    static final String DATABASE = "casegate_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    static void start() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        startBoth("postgres", Map.of(
                "casegate.data.dir", "target/it-data/resilience-pg-" + UUID.randomUUID(),
                "casegate.db.url", SERVER + DATABASE,
                "casegate.db.user", USER));
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        stopBoth();
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    /**
     * Two Casegate nodes on one database: both take submissions, both work off the one outbox,
     * and the leases see to it that each submission still becomes exactly one case.
     */
    @Test
    void twoNodesOnOneDatabaseDeliverEachSubmissionOnce() throws IOException {
        String tag = "nodes-" + UUID.randomUUID();
        crm().faults("{\"outage\":true}");
        try (CasegateProcess second = CasegateProcess.start("postgres-casegate-second-node", "casegate", casegateSettings, "index.xhtml")) {
            Map<String, Answer> accepted = submit(api(), tag, 0, 10);
            accepted.putAll(submit(new ApiClient(second.url("api/"), API_KEY), tag, 10, 10));
            crm().faults("{\"outage\":false}");

            Map<String, String> caseNumbers = awaitAllDelivered(accepted, Duration.ofMinutes(4));
            assertExactlyOneCaseEach(tag, accepted, caseNumbers);
            System.out.println("Cases delivered by the second node: " + Files.readAllLines(second.log()).stream()
                    .filter(line -> line.contains(" is case ")).count());
        }
    }
}
