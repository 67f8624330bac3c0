package io.casegate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.CrmInspector;
import io.casegate.testing.MetricsScrape;
import io.casegate.testing.ThrowawayDatabase;

/**
 * The production layout on loopback: two Casegate nodes (separate Payara Micro processes, Hazelcast
 * off) on one PostgreSQL database and one attachment directory, coordinating through the database
 * only, and the sandbox CRM as a third process. Submissions arrive at both nodes at once; every one
 * becomes exactly one case.
 */
class ClusterIT {

    static ThrowawayDatabase database;
    static final String API_KEY = "cluster-it-key";
    static final int SUBMISSIONS = 200;
    static final int SENDERS = 8;

    static CasegateProcess sandbox;
    static List<CasegateProcess> nodes;

    @BeforeAll
    static void start() throws SQLException {
        database = ThrowawayDatabase.create("cluster");
        sandbox = CasegateProcess.startSandbox("cluster-sandbox");
        String sharedData = "target/it-data/cluster-" + UUID.randomUUID();
        List<CompletableFuture<CasegateProcess>> starting = List.of("a", "b").stream()
                .map(node -> CompletableFuture.supplyAsync(() -> CasegateProcess.start(
                        "cluster-node-" + node, "casegate", nodeSettings(sharedData), "index.xhtml")))
                .toList();
        nodes = starting.stream().map(CompletableFuture::join).toList();
    }

    static Map<String, String> nodeSettings(String sharedData) {
        Map<String, String> settings = new LinkedHashMap<>(database.casegateSettings());
        // Any node may deliver any submission, so both see the same attachment store (a shared volume in production).
        settings.put("casegate.data.dir", sharedData);
        settings.putAll(sandbox.crmSettings());
        settings.put("casegate.api.keys", API_KEY);
        settings.put("casegate.delivery.poll-interval", "PT1S");
        settings.put("casegate.delivery.retry.base", "PT1S");
        settings.put("casegate.delivery.retry.max", "PT4S");
        return settings;
    }

    @AfterAll
    static void stop() throws SQLException {
        if (nodes != null) {
            nodes.forEach(CasegateProcess::close);
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void twoNodesOnOneDatabaseTurn200SubmissionsInto200Cases() {
        String tag = "cluster-" + UUID.randomUUID();
        Map<String, Answer> accepted = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            CompletableFuture.allOf(IntStream.range(0, SUBMISSIONS)
                            .mapToObj(i -> CompletableFuture.runAsync(
                                    () -> {
                                        String visitor = tag + "-" + i;
                                        // Alternating, as a load balancer without stickiness spreads API calls.
                                        ApiClient api = api(nodes.get(i % nodes.size()));
                                        Answer answer = api.submit(
                                                ApiClient.distinctVisitor(visitor),
                                                Map.of("report-" + i + ".txt", ("report " + i).getBytes()),
                                                "key-" + visitor,
                                                null);
                                        accepted.put(visitor, answer);
                                    },
                                    senders))
                            .toArray(CompletableFuture[]::new))
                    .join();
        } finally {
            senders.shutdown();
        }
        accepted.forEach((visitor, answer) -> assertEquals(202, answer.status(), visitor + ": " + answer.body()));

        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> deliveredOn(nodes.get(0)) + deliveredOn(nodes.get(1)) >= SUBMISSIONS);

        // What the CRM's support agents see: exactly one case per submission.
        List<JsonObject> cases = new CrmInspector(sandbox.url("sandbox/"))
                .rows("Case", "Id,Number,Subject", "contains(Subject,'" + tag + "')");
        assertEquals(SUBMISSIONS, cases.size(), "cases in the CRM");
        Map<String, String> caseNumberBySubject = cases.stream()
                .collect(Collectors.toMap(row -> row.getString("Subject"), row -> row.getString("Number")));
        assertEquals(SUBMISSIONS, new HashSet<>(caseNumberBySubject.values()).size(), "distinct case numbers");

        // What each visitor sees, asked of either node: their own case number.
        accepted.forEach((visitor, answer) -> {
            String reference = answer.text("reference");
            Answer status = api(nodes.get(Math.floorMod(visitor.hashCode(), 2))).status(reference);
            assertEquals("DELIVERED", status.text("status"), visitor);
            assertEquals(caseNumberBySubject.get("Не работает вход " + visitor), status.text("caseNumber"), visitor);
        });

        // What the operators' Prometheus sees: 200 deliveries, shared by both nodes, none twice.
        double a = deliveredOn(nodes.get(0));
        double b = deliveredOn(nodes.get(1));
        assertEquals(SUBMISSIONS, a + b, "deliveries counted by the nodes");
        assertTrue(a > 0 && b > 0, "both nodes delivered: " + a + " and " + b);
    }

    private static double deliveredOn(CasegateProcess node) {
        return MetricsScrape.value(node.url("metrics"), "casegate_submissions_delivered_total");
    }

    private static ApiClient api(CasegateProcess node) {
        return new ApiClient(node.url("api/"), API_KEY);
    }
}
