package io.casegate.health.boundary;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.MetricsScrape;
import io.casegate.testing.PlainBrowser;
import io.casegate.testing.ThrowawayDatabase;

/**
 * What a load balancer, Prometheus and an operator see of one Casegate node on PostgreSQL (with
 * its built-in sandbox CRM and no admin configured): health, metrics, the closed admin area, and
 * readiness going DOWN when the database goes away. The database is this run's own on the
 * machine's PostgreSQL ({@code casegate.it.postgres.*}), dropped at the end; the last test takes it away.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthAndMetricsIT {

    static ThrowawayDatabase database;
    static final String API_KEY = "health-it-key";

    static CasegateProcess casegate;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws SQLException {
        database = ThrowawayDatabase.create("health");
        Map<String, String> settings = new LinkedHashMap<>(database.casegateSettings());
        settings.put("casegate.data.dir", "target/it-data/health-" + UUID.randomUUID());
        settings.put("casegate.sandbox.enabled", "true");
        settings.put("casegate.api.keys", API_KEY);
        casegate = CasegateProcess.start("health", "casegate", settings, "index.xhtml");
    }

    @AfterAll
    static void stop() throws SQLException {
        if (casegate != null) {
            casegate.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    @Order(1)
    void aHealthyNodeIsLiveAndReadyAndReportsItsDelivery() {
        Health live = health("health/live");
        assertEquals(200, live.status());
        assertEquals("UP", live.json().getString("status"));

        Health ready = health("health/ready");
        assertEquals(200, ready.status(), ready.body());
        assertEquals("UP", check(ready, "database").getString("status"));
        JsonObject delivery = check(ready, "crm-delivery").getJsonObject("data");
        assertEquals("true", delivery.get("crmReachable").toString().replace("\"", ""), ready.body());
        assertTrue(delivery.containsKey("oldestUndeliveredAgeSeconds"), ready.body());
        assertTrue(delivery.containsKey("crmCredentials"), ready.body());
    }

    @Test
    @Order(2)
    void metricsCountADelivery() {
        URI metrics = casegate.url("metrics");
        double received = MetricsScrape.value(metrics, "casegate_submissions_received_total{channel=\"api\"}");
        double delivered = MetricsScrape.value(metrics, "casegate_submissions_delivered_total");
        double timed = MetricsScrape.value(metrics, "casegate_submission_to_case_seconds_count");
        double casesCreated = MetricsScrape.value(
                metrics, "casegate_crm_call_duration_seconds_count{operation=\"create records (batch)\"}");

        Answer accepted = new ApiClient(casegate.url("api/"), API_KEY)
                .submit(ApiClient.distinctVisitor("metrics-" + UUID.randomUUID()));
        assertEquals(202, accepted.status(), accepted.body());
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> MetricsScrape.value(metrics, "casegate_submissions_delivered_total") > delivered);

        assertEquals(
                received + 1, MetricsScrape.value(metrics, "casegate_submissions_received_total{channel=\"api\"}"));
        assertEquals(delivered + 1, MetricsScrape.value(metrics, "casegate_submissions_delivered_total"));
        assertEquals(timed + 1, MetricsScrape.value(metrics, "casegate_submission_to_case_seconds_count"));
        assertEquals(
                casesCreated + 1,
                MetricsScrape.value(
                        metrics, "casegate_crm_call_duration_seconds_count{operation=\"create records (batch)\"}"));
        String text = MetricsScrape.text(metrics);
        assertTrue(text.contains("# TYPE casegate_crm_call_duration_seconds histogram"), text);
        assertTrue(
                text.contains(
                        "casegate_crm_call_duration_seconds_bucket{operation=\"create records (batch)\",le=\"+Inf\"}"),
                text);
    }

    @Test
    @Order(3)
    void withoutAConfiguredAdminTheAdminAreaIsClosedAndSaysHowToOpenIt() {
        PlainBrowser browser = new PlainBrowser();
        PlainBrowser.Page toLogin = browser.get(casegate.url("admin/index.xhtml"));
        assertEquals(302, toLogin.status());
        PlainBrowser.Page login = browser.follow(toLogin);
        String closed = login.textOf("admin-closed").orElseThrow(() -> new AssertionError(login.text()));
        assertTrue(login.text().contains("casegate.admin.users="), login.text());
        assertTrue(login.text().contains("PasswordHashes.java"), login.text());
        assertTrue(login.formAction("admin-login").isEmpty(), "no login form while closed: " + closed);
        // Even a hand-made login post finds nobody: there is no default user.
        PlainBrowser.Page refused =
                browser.post(casegate.url("j_security_check"), Map.of("j_username", "admin", "j_password", "admin"));
        assertTrue(
                refused.location() != null && refused.location().contains("failed=true"),
                refused.status() + " " + refused.location());
    }

    @Test
    @Order(4)
    void readinessTurnsDownWhenTheDatabaseIsGone() throws SQLException {
        assertEquals(200, health("health/ready").status());
        try {
            database.onServer(
                    "ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS false",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database.name() + "'");
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> health("health/ready").status() == 503);
            Health down = health("health/ready");
            assertEquals("DOWN", down.json().getString("status"));
            assertEquals("DOWN", check(down, "database").getString("status"), down.body());
            assertEquals(
                    200, health("health/live").status(), "still alive: a restart would not bring the database back");
        } finally {
            database.onServer("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS true");
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> health("health/ready").status() == 200);
    }

    record Health(int status, String body) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    private Health health(String path) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(casegate.serverUrl(path))
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Health(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject check(Health health, String name) {
        return health.json().getJsonArray("checks").stream()
                .map(value -> value.asJsonObject())
                .filter(check -> name.equals(check.getString("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health.body()));
    }
}
