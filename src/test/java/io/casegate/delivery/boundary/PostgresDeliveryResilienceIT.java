package io.casegate.delivery.boundary;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.ThrowawayDatabase;

/**
 * The outage and crash scenarios on PostgreSQL, in a database of the run's own on the machine's
 * server ({@link ThrowawayDatabase}).
 */
class PostgresDeliveryResilienceIT extends DeliveryResilienceScenarios {

    static ThrowawayDatabase database;

    @BeforeAll
    static void start() throws SQLException {
        database = ThrowawayDatabase.create("resilience");
        Map<String, String> settings = new LinkedHashMap<>(database.casegateSettings());
        settings.put("casegate.data.dir", "target/it-data/resilience-pg-" + UUID.randomUUID());
        startBoth("postgres", settings);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        stopBoth();
        if (database != null) {
            database.drop();
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
        try (CasegateProcess second =
                CasegateProcess.start("postgres-casegate-second-node", "casegate", casegateSettings, "index.xhtml")) {
            Map<String, Answer> accepted = submit(api(), tag, 0, 10);
            accepted.putAll(submit(new ApiClient(second.url("api/"), API_KEY), tag, 10, 10));
            crm().faults("{\"outage\":false}");

            Map<String, String> caseNumbers = awaitAllDelivered(accepted, Duration.ofMinutes(4));
            assertExactlyOneCaseEach(tag, accepted, caseNumbers);
            System.out.println("Cases delivered by the second node: "
                    + Files.readAllLines(second.log()).stream()
                            .filter(line -> line.contains(" is case "))
                            .count());
        }
    }
}
