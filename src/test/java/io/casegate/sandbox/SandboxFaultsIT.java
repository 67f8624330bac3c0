package io.casegate.sandbox;

import static io.casegate.sandbox.SandboxClient.json;
import static io.casegate.sandbox.SandboxClient.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.casegate.testing.Deployments;

/**
 * Rule 7 of the sandbox: latency, errorRate and outage, the _faults and _stats endpoints. (The
 * session switches sessionTtlSeconds, expireAllSessionsNow and rotateCsrf are in {@link SandboxAuthIT}.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SandboxFaultsIT {

    private static final String CASES = "/0/odata/Case?$top=1";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.casegate();
    }

    @ArquillianResource
    URL base;

    @AfterEach
    void resetFaults() {
        new SandboxClient(base).resetFaults();
    }

    @Test
    void theSandboxIsMountedAndTheProductShowsTheDemoBanner() {
        SandboxClient client = new SandboxClient(base);
        HttpResponse<String> form = SandboxClient.exchange(
                HttpRequest.newBuilder(URI.create(base.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("id=\"sandbox-banner\""), form.body());
        assertTrue(form.body().contains("href=\"" + client.applicationPath() + "/cases\""), form.body());

        HttpResponse<String> start = SandboxClient.exchange(
                HttpRequest.newBuilder(URI.create(client.url(""))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, start.statusCode());
        assertTrue(start.body().contains("Песочница CRM"), start.body());
    }

    @Test
    void faultsStartOffAndAPutChangesOnlyWhatItNames() {
        SandboxClient client = new SandboxClient(base);
        JsonObject initial = json(client.get("/_faults"));
        assertEquals(0, initial.getInt("latencyMs"));
        assertEquals(0.0, initial.getJsonNumber("errorRate").doubleValue());
        assertEquals(false, initial.getBoolean("outage"));
        assertEquals(3600, initial.getInt("sessionTtlSeconds"));
        assertEquals(0, initial.getInt("clockOffsetSeconds"));

        client.faults("{\"latencyMs\":25}");
        JsonObject afterSecond = client.faults("{\"sessionTtlSeconds\":120}");

        assertEquals(25, afterSecond.getInt("latencyMs"), "kept from the first PUT");
        assertEquals(120, afterSecond.getInt("sessionTtlSeconds"));
        assertEquals(afterSecond, json(client.get("/_faults")));
    }

    @Test
    void invalidFaultSettingsAre400AndChangeNothing() {
        SandboxClient client = new SandboxClient(base);
        for (String bad : new String[] {
            "{\"errorRate\":1.5,\"latencyMs\":10}",
            "{\"latencyMs\":-1}",
            "{\"outage\":\"yes\"}",
            "{\"noSuchFault\":true}",
            "{not json",
            "{\"clockOffsetSeconds\":-1}",
            "{\"clockOffsetSeconds\":1.5}"
        }) {
            HttpResponse<String> response = client.send("PUT", "/_faults", bad);
            assertEquals(400, response.statusCode(), bad);
            assertTrue(!reason(response).isEmpty(), bad);
        }
        assertEquals(0, json(client.get("/_faults")).getInt("latencyMs"));
    }

    /**
     * A web page can make a visitor's browser post a form or {@code text/plain} to any address
     * without asking (no CORS preflight), but not {@code application/json}: so only JSON switches a fault.
     */
    @Test
    void onlyAJsonBodySwitchesAFaultSoACrossSiteFormCannot() {
        SandboxClient client = new SandboxClient(base);
        String[][] refused = {
            {"POST", "application/x-www-form-urlencoded", "outage=true"},
            {"PUT", "application/x-www-form-urlencoded", "outage=true"},
            {"POST", "text/plain", "{\"outage\":true}"},
            {
                "POST",
                "multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"outage\"\r\n\r\ntrue\r\n--b--\r\n"
            },
            {"PUT", null, "{\"outage\":true}"}
        };
        for (String[] attempt : refused) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.url("/_faults")))
                    .method(attempt[0], HttpRequest.BodyPublishers.ofString(attempt[2]));
            if (attempt[1] != null) {
                request.header("Content-Type", attempt[1]);
            }
            HttpResponse<String> response =
                    SandboxClient.exchange(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(415, response.statusCode(), attempt[0] + " " + attempt[1] + ": " + response.body());
        }
        assertEquals(false, json(client.get("/_faults")).getBoolean("outage"), "nothing switched");
        HttpResponse<String> accepted = client.send("PUT", "/_faults", "{\"outage\":true}");
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertEquals(true, json(accepted).getBoolean("outage"), "JSON (with a charset) still switches it");
    }

    @Test
    void clockOffsetRunsTheSandboxsClockAheadForNewRecordsToo() {
        SandboxClient client = new SandboxClient(base);
        client.faults("{\"clockOffsetSeconds\":86400}");
        Instant earliest = Instant.now().plusSeconds(86400 - 5);

        JsonObject contact = client.loggedIn().create("Contact", "{\"Name\":\"Tomorrow Person\"}");

        Instant latest = Instant.now().plusSeconds(86400 + 5);
        Instant createdOn = Instant.parse(contact.getString("CreatedOn"));
        assertTrue(createdOn.isAfter(earliest) && createdOn.isBefore(latest), createdOn + " is not a day ahead");
    }

    @Test
    void latencyDelaysEveryCrmCallButNotTheSandboxsOwnPages() {
        SandboxClient client = new SandboxClient(base).loggedIn();
        client.faults("{\"latencyMs\":700}");

        long started = System.nanoTime();
        assertEquals(200, client.get(CASES).statusCode());
        long crmMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        assertEquals(200, client.get("/_faults").statusCode());
        long ownMillis = (System.nanoTime() - started) / 1_000_000;

        assertTrue(crmMillis >= 650, "CRM call took " + crmMillis + " ms");
        assertTrue(ownMillis < crmMillis, "_faults took " + ownMillis + " ms");
    }

    @Test
    void errorRateOneFailsEveryCrmCallWith500AndTheEnvelope() {
        SandboxClient client = new SandboxClient(base).loggedIn();
        client.faults("{\"errorRate\":1.0}");

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = client.get(CASES);
            assertEquals(500, response.statusCode());
            assertTrue(reason(response).contains("errorRate"), response.body());
        }
        assertEquals(500, client.login("Supervisor", "Supervisor").statusCode(), "login is a CRM call too");
        assertEquals(
                500,
                client.post("/0/odata/Contact", "{\"Name\":\"Never Stored\"}").statusCode());

        client.faults("{\"errorRate\":0}");
        assertEquals(200, client.get(CASES).statusCode());
    }

    @Test
    void errorRateFailsAboutThatShareOfCalls() {
        SandboxClient client = new SandboxClient(base).loggedIn();
        client.faults("{\"errorRate\":0.5}");
        int failures = 0;
        for (int i = 0; i < 60; i++) {
            failures += client.get(CASES).statusCode() == 500 ? 1 : 0;
        }
        assertTrue(failures > 10 && failures < 50, failures + " of 60 failed");
    }

    @Test
    void outageAnswers503ToCrmCallsWhileTheSandboxsOwnEndpointsWork() {
        SandboxClient client = new SandboxClient(base).loggedIn();
        long requestsBefore = client.stats().getJsonNumber("requests").longValue();
        client.faults("{\"outage\":true}");

        HttpResponse<String> odata = client.get(CASES);
        assertEquals(503, odata.statusCode());
        assertTrue(reason(odata).contains("outage"), odata.body());
        assertEquals(503, client.login("Supervisor", "Supervisor").statusCode());
        assertEquals(503, client.post("/0/rest/FileApiService/UploadFile", "{}").statusCode());

        assertEquals(true, json(client.get("/_faults")).getBoolean("outage"));
        HttpResponse<String> cases = SandboxClient.exchange(
                HttpRequest.newBuilder(URI.create(client.url("/cases"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, cases.statusCode());
        assertTrue(cases.body().contains("Обращения"));
        assertEquals(
                requestsBefore + 3, client.stats().getJsonNumber("requests").longValue(), "failed CRM calls count too");

        client.faults("{\"outage\":false}");
        assertEquals(200, client.loggedIn().get(CASES).statusCode());
    }

    @Test
    void statsCountCrmCallsAndTokens() {
        SandboxClient client = new SandboxClient(base);
        JsonObject before = client.stats();
        client.loggedIn();
        client.get(CASES);
        client.get("/0/odata/Contact");
        HttpResponse<String> token = SandboxClient.exchange(
                HttpRequest.newBuilder(URI.create(client.url("/connect/token")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "client_id=casegate-sandbox&client_secret=casegate-sandbox-secret&grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode());
        JsonObject after = client.stats();

        assertEquals(
                before.getJsonNumber("logins").longValue() + 1,
                after.getJsonNumber("logins").longValue());
        assertEquals(
                before.getJsonNumber("requests").longValue() + 4,
                after.getJsonNumber("requests").longValue());
        assertEquals(
                before.getJsonNumber("tokens").longValue() + 1,
                after.getJsonNumber("tokens").longValue());
        assertEquals(
                before.getJsonNumber("failedLogins").longValue(),
                after.getJsonNumber("failedLogins").longValue());
    }
}
