package io.casegate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.SandboxCrm;

/** Settings as an operator gives them: a wrong one stops the start, a duration reads the same in every syntax. */
class ConfigurationIT {

    private static final String API_KEY = "configuration-it-key";
    private static final String CRM_SECRET = "s3cret-Pa55word";

    @Test
    void aWrongValueStopsTheStartAndTheLogNamesTheKey() throws Exception {
        try (CasegateProcess casegate = CasegateProcess.startExpectingNoReadiness(
                "config-wrong",
                "casegate",
                Map.of("casegate.data.dir", dataDir("config-wrong")),
                Map.of(
                        "CASEGATE_DELIVERY_CONCURRENCY", "many",
                        "CASEGATE_CRM_URL", "mycompany.creatio.com",
                        "CASEGATE_CRM_AUTH", "kerberos",
                        // Right, but secret: it must not reach the log with the wrong ones.
                        "CASEGATE_CRM_PASSWORD", CRM_SECRET))) {
            assertNotEquals(200, status(casegate.url("")), "the form is not served");
            assertNotEquals(200, status(casegate.serverUrl("health/ready")), "the node is not ready");
            String log = Files.readString(casegate.log());
            assertTrue(
                    log.contains("casegate.delivery.concurrency: expected a whole number from 1 to 64, got \"many\""),
                    "the log names the key and what it expects: " + casegate.log());
            assertTrue(
                    log.contains(
                            "casegate.crm.url: expected an http or https URL such as https://mycompany.creatio.com,"
                                    + " got \"mycompany.creatio.com\""),
                    "a URL: " + casegate.log());
            assertTrue(
                    log.contains("casegate.crm.auth: expected one of forms, oauth, got \"kerberos\""),
                    "a word: " + casegate.log());
            assertFalse(log.contains(CRM_SECRET), "the CRM password is not in the log: " + casegate.log());
        }
    }

    @Test
    void durationsInEitherSyntaxReachTheComponentsThatReadThem() throws Exception {
        try (CasegateProcess casegate = CasegateProcess.startWithEnvironment(
                "config-durations",
                "casegate",
                Map.of(
                        "casegate.sandbox.enabled",
                        "true",
                        "casegate.data.dir",
                        dataDir("config-durations"),
                        "casegate.api.keys",
                        API_KEY,
                        // ISO-8601, as a system property, on a key of the sandbox.
                        "casegate.sandbox.session-timeout",
                        "PT2H"),
                // The short form, as environment variables: the reported CASEGATE_DELIVERY_POLL_INTERVAL=7s.
                Map.of(
                        "CASEGATE_DELIVERY_POLL_INTERVAL", "7s",
                        "CASEGATE_CRM_SESSION_LIFETIME", "2s",
                        // ISO-8601 in the environment, on a key of the attachments: files go at delivery.
                        "CASEGATE_ATTACHMENTS_RETENTION", "P0D"),
                "sandbox/_stats")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> log(casegate).contains("polling every PT7S"));
            assertTrue(log(casegate).contains("sessionTimeoutSeconds=7200"), "sandbox: " + casegate.log());

            // The CRM session lives 2 s: two deliveries 3 s apart take a login each.
            SandboxCrm crm = new SandboxCrm(casegate.url("sandbox"));
            ApiClient api = new ApiClient(casegate.url("api/"), API_KEY);
            SandboxCrm.Stats before = crm.stats();
            deliver(api);
            sleep(Duration.ofSeconds(3));
            deliver(api);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> log(casegate).contains("Removed 1 delivered attachments from local storage"));
            long logins = crm.stats().minus(before).logins();
            assertTrue(logins >= 2, "a login per delivery after the 2 s session lifetime, not one session: " + logins);
        }
    }

    private static void deliver(ApiClient api) {
        Answer accepted = api.submit(ApiClient.distinctVisitor("config-" + UUID.randomUUID()));
        assertEquals(202, accepted.status(), accepted.body());
        Answer delivered = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> api.status(accepted.text("reference")),
                        answer -> "DELIVERED".equals(answer.text("status")));
        assertEquals("DELIVERED", delivered.text("status"), delivered.body());
    }

    private static String log(CasegateProcess casegate) throws java.io.IOException {
        return Files.readString(casegate.log());
    }

    private static String dataDir(String name) {
        return Path.of("target", "it-data", name + "-" + UUID.randomUUID()).toString();
    }

    private static int status(URI url) throws Exception {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(url)
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException refused) {
            return -1;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
