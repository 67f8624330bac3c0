package io.casegate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.casegate.admin.control.PasswordHashes;
import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.PlainBrowser;
import io.casegate.testing.PlainBrowser.Page;

/**
 * The packaged WAR as an operator who forgot (or misspelt) {@code casegate.crm.url} starts it: no
 * sandbox, so nobody reads visitors' data without a login; readiness DOWN naming the key; the admin
 * page and the log say it; a submission is accepted and waits, never dead-lettered. Then the operator
 * restarts it on the same data with the sandbox on, open to 127.0.0.1 only: the waiting submission
 * becomes its case, and a client from another loopback address (127.0.0.2, which is not in the list)
 * gets 403 and no data. Payara listens on 127.0.0.1 only; the second client address is the socket's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoCrmConfiguredIT {

    static final String API_KEY = "no-crm-it-key";
    static final String ADMIN = "no-crm-admin";
    static final String ADMIN_PASSWORD = "no-crm-password-" + UUID.randomUUID();
    static final String DATA_DIR = "target/it-data/no-crm-" + UUID.randomUUID();

    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static CasegateProcess casegate;
    static String reference;

    @AfterAll
    static void stop() {
        if (casegate != null) {
            casegate.close();
        }
    }

    static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("casegate.data.dir", DATA_DIR);
        settings.put("casegate.api.keys", API_KEY);
        settings.put("casegate.admin.users", ADMIN + ":" + PasswordHashes.hash(ADMIN_PASSWORD.toCharArray()));
        settings.put("casegate.delivery.poll-interval", "1s");
        settings.put("casegate.crm.self-check-interval", "2s");
        // Were an attempt counted, the first one would make the submission a dead letter.
        settings.put("casegate.delivery.retry.max-attempts", "1");
        return settings;
    }

    @Test
    @Order(1)
    void withoutACrmUrlNothingIsPublishedNothingIsLostAndEveryoneIsTold() throws Exception {
        // A typo in the key: not casegate.crm.url, so no CRM, and no sandbox either.
        Map<String, String> typo = settings();
        typo.put("casegate.crm.uri", "https://crm.example.com");
        casegate = CasegateProcess.start("no-crm", "casegate", typo, "index.xhtml");

        for (String path : new String[] {"sandbox", "sandbox/", "sandbox/cases", "sandbox/_faults", "sandbox/_stats"}) {
            assertEquals(404, get(casegate.url(path)).statusCode(), path);
        }
        HttpResponse<String> faults = HTTP.send(
                HttpRequest.newBuilder(casegate.url("sandbox/_faults"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"outage\":true}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // Without the sandbox the container's read-only default servlet takes the PUT (403); nothing answers it.
        assertTrue(faults.statusCode() == 404 || faults.statusCode() == 403, faults.statusCode() + " " + faults.body());
        assertTrue(!faults.body().contains("latencyMs"), faults.body());

        assertTrue(
                logRecordOf("No CRM is configured").contains("WARNING"),
                "a warning at start: " + logRecordOf("No CRM is configured"));

        HttpResponse<String> ready = get(casegate.serverUrl("health/ready"));
        assertEquals(503, ready.statusCode(), ready.body());
        JsonObject configured = check(ready.body(), "crm-configured");
        assertEquals("DOWN", configured.getString("status"), configured.toString());
        assertEquals("casegate.crm.url", configured.getJsonObject("data").getString("set"));
        assertTrue(
                configured.getJsonObject("data").getString("reason").contains("casegate.crm.url"),
                configured.toString());

        Answer accepted = api().submit(ApiClient.distinctVisitor("no-crm-" + UUID.randomUUID()));
        assertEquals(202, accepted.status(), accepted.body());
        reference = accepted.text("reference");
        Thread.sleep(8_000); // several dispatcher polls (1 s) and deferrals (2 s)
        JsonObject delivery = check(get(casegate.serverUrl("health/ready")).body(), "crm-delivery")
                .getJsonObject("data");
        assertEquals("1", delivery.get("undelivered").toString().replace("\"", ""), delivery.toString());
        assertEquals("0", delivery.get("deadLettered").toString().replace("\"", ""), delivery.toString());
        assertNull(api().status(reference).text("caseNumber"));

        PlainBrowser admin = new PlainBrowser();
        Page signedIn = admin.signIn(casegate.url("admin/index.xhtml"), ADMIN, ADMIN_PASSWORD);
        assertEquals(302, signedIn.status());
        Page index = admin.follow(signedIn);
        String warning =
                index.textOf("crm-not-configured").orElseThrow(() -> new AssertionError("no warning: " + index.text()));
        assertTrue(warning.contains("casegate.crm.url"), warning);
        Page check = admin.get(casegate.url("admin/crm-check.xhtml"));
        assertEquals(200, check.status(), check.text());
        assertTrue(
                check.textOf("crm-not-configured").orElse("").contains("casegate.crm.url"),
                "the CRM check page says it too: " + check.text());
    }

    @Test
    @Order(2)
    void withTheSandboxOnTheWaitingSubmissionIsDeliveredAndOnlyTheListedClientsReadTheSandbox() throws Exception {
        assertNotNull(reference, "the first test left a waiting submission");
        casegate.close();
        Map<String, String> demo = settings();
        demo.put("casegate.sandbox.enabled", "true");
        demo.put("casegate.sandbox.allowed-clients", "127.0.0.1");
        casegate = CasegateProcess.start("no-crm-then-sandbox", "casegate", demo, "index.xhtml");

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> api().status(reference).text("caseNumber") != null);
        assertEquals(200, get(casegate.serverUrl("health/ready")).statusCode());
        assertTrue(
                logRecordOf("Sandbox CRM is ON").contains("WARNING"),
                "a warning at start: " + logRecordOf("Sandbox CRM is ON"));

        String caseNumber = api().status(reference).text("caseNumber");
        String fromListed = rawGet(InetAddress.getByName("127.0.0.1"), "/casegate/sandbox/cases");
        assertTrue(fromListed.startsWith("HTTP/1.1 200"), head(fromListed));
        assertTrue(fromListed.contains(caseNumber), "the listed client sees the case");

        InetAddress other = InetAddress.getByName("127.0.0.2");
        for (String path :
                new String[] {"/casegate/sandbox/cases", "/casegate/sandbox/_stats", "/casegate/sandbox/_faults"}) {
            String answer = rawGet(other, path);
            assertTrue(answer.startsWith("HTTP/1.1 403"), path + ": " + head(answer));
            assertTrue(!answer.contains(caseNumber) && !answer.contains("@"), path + " shows no data: " + answer);
        }
        String put = raw(
                other,
                "PUT /casegate/sandbox/_faults HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 15\r\nConnection: close\r\n\r\n{\"outage\":true}");
        assertTrue(put.startsWith("HTTP/1.1 403"), head(put));
        String faults = rawGet(InetAddress.getByName("127.0.0.1"), "/casegate/sandbox/_faults");
        assertTrue(faults.contains("\"outage\":false"), "the refused PUT changed nothing: " + faults);
    }

    private static ApiClient api() {
        return new ApiClient(casegate.url("api/"), API_KEY);
    }

    private static HttpResponse<String> get(URI uri) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject check(String health, String name) {
        JsonObject body = Json.createReader(new StringReader(health)).readObject();
        return body.getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject)
                .filter(check -> check.getString("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + body));
    }

    /** The log record that holds {@code message}, from its header (level, logger) to the message. */
    private static String logRecordOf(String message) throws IOException {
        String log = Files.readString(casegate.log());
        int at = log.indexOf(message);
        assertTrue(at >= 0, "no '" + message + "' in " + casegate.log());
        int start = Math.max(0, log.lastIndexOf("\n[", at));
        return log.substring(start, Math.min(log.length(), at + message.length()));
    }

    private static String rawGet(InetAddress from, String path) throws IOException {
        return raw(from, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    /** One HTTP/1.1 exchange from a chosen local address (java.net.http cannot choose it). */
    private static String raw(InetAddress from, String request) throws IOException {
        int port = casegate.base().getPort();
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, from, 0)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String head(String answer) {
        int end = answer.indexOf("\r\n");
        return end < 0 ? answer : answer.substring(0, end);
    }
}
