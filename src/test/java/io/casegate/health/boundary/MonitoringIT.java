package io.casegate.health.boundary;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.yaml.snakeyaml.Yaml;

import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.PromQl;
import io.casegate.testing.SandboxCrm;

/**
 * What Prometheus, a load balancer and an integrator see of a node deployed as the container image
 * deploys it (Casegate the root application on Payara Micro, the built-in sandbox CRM) with a
 * monitoring token: /metrics and Payara's /health answer only the token's bearer, without repeating
 * it; the gauges the alert rules use are all served and follow the backlog through a CRM outage;
 * the OpenAPI document is served without an API key, at /api/openapi.yaml and at Payara's /openapi.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringIT {

    static final String TOKEN = "monitoring-it-" + UUID.randomUUID().toString().replace("-", "");
    static final String API_KEY = "monitoring-it-key";

    static CasegateProcess casegate;
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("casegate.data.dir", "target/it-data/monitoring-" + UUID.randomUUID());
        settings.put("casegate.sandbox.enabled", "true");
        settings.put("casegate.api.keys", API_KEY);
        settings.put("casegate.monitoring.token", TOKEN);
        settings.put("casegate.delivery.poll-interval", "1s");
        settings.put("casegate.delivery.retry.base", "1s");
        settings.put("casegate.delivery.retry.max", "2s");
        casegate = CasegateProcess.start("monitoring", CasegateProcess.ROOT, settings, "index.xhtml");
    }

    @AfterAll
    static void stop() {
        if (casegate != null) {
            casegate.close();
        }
    }

    @Test
    @Order(1)
    void metricsAndHealthAnswerOnlyTheTokensBearer() throws IOException {
        for (String path : List.of("metrics", "health", "health/ready", "health/live", "metrics/", "health/ready/")) {
            for (String authorization : new String[] {null, "Bearer wrong-" + TOKEN, "Basic " + TOKEN, TOKEN}) {
                Reply refused = get(casegate.url(path), authorization);
                assertEquals(401, refused.status(), path + " with " + authorization);
                assertEquals("", refused.body(), path);
                assertEquals(
                        "Bearer realm=\"casegate-monitoring\"",
                        refused.headers().firstValue("WWW-Authenticate").orElse(null),
                        path);
            }
        }
        Reply metrics = get(casegate.url("metrics"), "Bearer " + TOKEN);
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("# TYPE casegate_delivery_pending_entries gauge"), metrics.body());
        assertFalse(metrics.body().contains(TOKEN));
        // Payara's MicroProfile Health, which lives in the root application's context: guarded too.
        Reply ready = get(casegate.url("health/ready"), "Bearer " + TOKEN);
        assertEquals(200, ready.status(), ready.body());
        assertTrue(ready.body().contains("\"crm-delivery\""), ready.body());
        assertEquals(200, get(casegate.url("health/live"), "Bearer " + TOKEN).status());
        // The form and the API are not touched by the token.
        assertEquals(200, get(casegate.url("index.xhtml"), null).status());
        assertFalse(Files.readString(casegate.log()).contains(TOKEN), "the token is never logged");
    }

    @Test
    @Order(2)
    void everyMetricTheAlertsAndTheDashboardUseIsServed() {
        Set<String> served = PromQl.namesServed(scrape());
        Set<String> missing = new TreeSet<>(PromQl.namesUsed());
        missing.removeAll(PromQl.MADE_BY_PROMETHEUS);
        missing.removeAll(served);
        assertEquals(Set.of(), missing, "named in docker/prometheus/alerts.yml or the dashboard, not served");
        // The rules parse as YAML here too, and name at least one metric each.
        for (Map<String, Object> rule : PromQl.alertRules()) {
            assertFalse(PromQl.metricNames(String.valueOf(rule.get("expr"))).isEmpty(), rule.toString());
        }
    }

    @Test
    @Order(3)
    void theGaugesFollowTheBacklogThroughACrmOutage() {
        ApiClient api = new ApiClient(casegate.url("api/"), API_KEY);
        Answer first = api.submit(ApiClient.distinctVisitor("monitoring-" + UUID.randomUUID()));
        assertEquals(202, first.status(), first.body());
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> value("casegate_submissions_delivered_total") >= 1
                        && value("casegate_delivery_pending_entries{kind=\"DELIVER_CASE\"}") == 0);
        assertEquals(1, value("casegate_crm_session_state{state=\"logged_in\"}"), scrape());
        assertEquals(0, value("casegate_crm_session_state{state=\"failing\"}"));
        assertEquals(1, value("casegate_crm_configured"));
        assertEquals(1, value("casegate_database_up"));
        assertEquals(0, value("casegate_delivery_oldest_pending_age_seconds{kind=\"DELIVER_CASE\"}"));
        assertTrue(value("jvm_memory_used_bytes{area=\"heap\"}") > 0);
        assertTrue(value("jvm_threads_current") > 10);

        SandboxCrm crm = new SandboxCrm(casegate.url("sandbox"));
        crm.faults("{\"outage\":true}");
        try {
            Answer waiting = api.submit(ApiClient.distinctVisitor("monitoring-outage-" + UUID.randomUUID()));
            assertEquals(202, waiting.status(), waiting.body());
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> value("casegate_delivery_pending_entries{kind=\"DELIVER_CASE\"}") == 1
                            && value("casegate_delivery_oldest_pending_age_seconds{kind=\"DELIVER_CASE\"}") >= 2
                            && value("casegate_delivery_attempts_failed_total{kind=\"DELIVER_CASE\"}") >= 1);
            assertEquals(0, value("casegate_delivery_dead_letter_entries{kind=\"DELIVER_CASE\"}"));
        } finally {
            crm.faults("{\"outage\":false}");
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> value("casegate_delivery_pending_entries{kind=\"DELIVER_CASE\"}") == 0
                        && value("casegate_submissions_delivered_total") >= 2);
        assertEquals(0, value("casegate_delivery_oldest_pending_age_seconds{kind=\"DELIVER_CASE\"}"));
    }

    @Test
    @Order(4)
    void theOpenApiDocumentIsServedWithoutAKeyAndNamesTheRealPaths() {
        Reply document = get(casegate.url("api/openapi.yaml"), null);
        assertEquals(200, document.status(), document.body());
        assertTrue(
                document.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"),
                document.headers().map().toString());
        Map<String, Object> api = new Yaml().load(document.body());
        assertEquals("3.0.3", api.get("openapi"));
        assertEquals("/api", ((Map<?, ?>) ((List<?>) api.get("servers")).get(0)).get("url"));
        // Every documented path exists: a GET of each (its parameter filled in) meets the API, not a 404 page.
        Map<?, ?> paths = (Map<?, ?>) api.get("paths");
        assertEquals(Set.of("/v1/submissions", "/v1/submissions/{reference}", "/openapi.yaml"), paths.keySet());
        for (Object path : paths.keySet()) {
            URI uri = casegate.url("api" + String.valueOf(path).replace("{reference}", "WEB-2026-999999"));
            Reply keyless = get(uri, null);
            if (path.equals("/openapi.yaml")) {
                assertEquals(200, keyless.status());
            } else {
                assertEquals(401, keyless.status(), uri + ": the API's own refusal without a key");
                assertTrue(keyless.body().contains("X-Api-Key"), keyless.body());
            }
        }
        // A path the document does not name is not the API's.
        assertEquals(401, get(casegate.url("api/v1/cases"), null).status());
        Reply unknown = send(HttpRequest.newBuilder(casegate.url("api/v1/cases"))
                .header("X-Api-Key", API_KEY)
                .GET());
        assertEquals(404, unknown.status());
        // Payara's MicroProfile OpenAPI serves the same file (scanning off).
        Reply payara = get(casegate.serverUrl("openapi"), null);
        assertEquals(200, payara.status(), payara.body());
        assertTrue(payara.body().contains("/v1/submissions/{reference}"), payara.body());
        assertFalse(payara.body().contains("sandbox"), "no scanned sandbox resources: " + payara.body());
    }

    /**
     * docs/api.md's Python example, run as written (only its server address replaced) by Debian's
     * Python with requests, as .ci/run installs it, and its curl example: the submissions they make
     * become cases whose numbers the example's own function reads.
     */
    @Test
    @Order(5)
    void theDocumentedPythonAndCurlExamplesWork() throws IOException, InterruptedException {
        String doc = Files.readString(java.nio.file.Path.of("docs", "api.md"));
        java.nio.file.Path dir = Files.createDirectories(java.nio.file.Path.of("target", "it-api-examples"));
        Files.write(dir.resolve("screenshot.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Files.write(dir.resolve("receipt.pdf"), "%PDF-1.4 example".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String site = "https://support.example.ru/api";
        String here = casegate.url("api").toString();

        String python = block(doc, "python").replace(site, here) + "\n"
                + "import json, sys, time\n"
                + "form = {'name': 'Иванов Иван', 'email': 'python-doc@example.ru', 'organisation': 'ООО Питон',\n"
                + "        'service': 'Кассовое ПО', 'subject': 'Пример из docs/api.md', 'description': 'Проверка'}\n"
                + "receipt = submit(form, ['screenshot.png'], sys.argv[1])\n"
                + "assert receipt['ok'], receipt\n"
                + "for _ in range(120):\n"
                + "    number = case_number(receipt['reference'])\n"
                + "    if number: break\n"
                + "    time.sleep(0.5)\n"
                + "print(json.dumps({'reference': receipt['reference'], 'caseNumber': number}))\n";
        Files.writeString(dir.resolve("example.py"), python);
        String interpreter =
                Files.isExecutable(java.nio.file.Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        String printed = run(dir, List.of(interpreter, "example.py", "doc-" + UUID.randomUUID()));
        assertTrue(
                printed.matches("(?s).*\\{\"reference\": \"WEB-\\d{4}-\\d{6,}\", \"caseNumber\": \"SR\\d{8}\"}.*"),
                printed);

        String curl = block(doc, "sh");
        String submitCommand = curl.substring(0, curl.indexOf("# 202")).replace(site, here);
        String answer = run(dir, List.of("sh", "-c", submitCommand));
        assertTrue(answer.matches("(?s)\\{\"reference\":\"WEB-\\d{4}-\\d{6,}\",\"status\":\"RECEIVED\".*"), answer);
    }

    private static String block(String markdown, String language) {
        int start = markdown.indexOf("```" + language + "\n");
        assertTrue(start >= 0, "no " + language + " example in docs/api.md");
        start += language.length() + 4;
        return markdown.substring(start, markdown.indexOf("```", start));
    }

    private static String run(java.nio.file.Path dir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("CASEGATE_API_KEY", API_KEY);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES), command.toString());
        assertEquals(0, process.exitValue(), command + ": " + output);
        return output;
    }

    private static double value(String series) {
        for (String line : scrape().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        return Double.NaN;
    }

    private static String scrape() {
        Reply metrics = get(casegate.url("metrics"), "Bearer " + TOKEN);
        assertEquals(200, metrics.status());
        return metrics.body();
    }

    record Reply(int status, String body, java.net.http.HttpHeaders headers) {}

    private static Reply get(URI uri, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
