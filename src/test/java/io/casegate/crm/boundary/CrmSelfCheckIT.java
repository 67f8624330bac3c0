package io.casegate.crm.boundary;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.casegate.admin.control.PasswordHashes;
import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.PlainBrowser;
import io.casegate.testing.PlainBrowser.Page;
import io.casegate.testing.SandboxCrm;

/**
 * An operator points Casegate at a CRM that lacks what the mapping names: a custom INN column
 * written with the wrong case, and a case origin that is not in the lookup. The self-check names
 * both with their keys (readiness DOWN, the admin page); a submission is accepted and waits, never
 * dead-lettered; once the operator corrects the configuration (a restart) and adds the lookup row
 * in the CRM, the next self-check finds the CRM fixed and the waiting submission becomes its case
 * by itself. The CRM is a sandbox in a process of its own, with a custom {@code UsrINN} column, so
 * that it outlives Casegate's restart.
 */
class CrmSelfCheckIT {

    static final String ADMIN = "selfcheck-admin";
    static final String ADMIN_PASSWORD = "selfcheck-password-" + UUID.randomUUID();
    static final String API_KEY = "selfcheck-it-key";

    final UUID origin = UUID.randomUUID();
    final String dataDir = "target/it-data/selfcheck-" + UUID.randomUUID();
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    CasegateProcess sandbox;
    CasegateProcess casegate;

    @AfterEach
    void stop() {
        if (casegate != null) {
            casegate.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void aMissingColumnAndLookupAreNamedDeliveryWaitsAndResumesOnceTheCrmIsFixed() throws Exception {
        sandbox = CasegateProcess.start(
                "selfcheck-crm",
                "sandboxhost",
                Map.of(
                        "casegate.sandbox.enabled", "true",
                        "casegate.sandbox.account-inn-column", "UsrINN",
                        "casegate.data.dir", "target/it-data/selfcheck-crm-" + UUID.randomUUID()),
                "sandbox/_stats");
        SandboxCrm crm = new SandboxCrm(sandbox.url("sandbox"));

        // 1. The operator's configuration names a column the CRM does not have (UsrInn, not UsrINN)
        //    and a case origin that is not in the CRM's lookup.
        casegate = startCasegate("UsrInn");
        JsonObject mapping = awaitReadiness(503);
        assertEquals("DOWN", mapping.getString("status"), mapping.toString());
        JsonObject data = mapping.getJsonObject("data");
        assertEquals("invalid", data.getString("state"), data.toString());
        assertTrue(
                data.getString("Account.UsrInn").contains("casegate.crm.account-inn-column"),
                "the column is named with its key: " + data);
        assertTrue(
                data.getString("CaseOrigin(" + origin + ")").contains("casegate.crm.case-origin-id"),
                "the lookup id is named with its key: " + data);

        PlainBrowser browser = signedInAdmin();
        Page index = browser.get(casegate.url("admin/index.xhtml"));
        Page check = browser.get(index.link("crm-check.xhtml").orElseThrow(() -> new AssertionError(index.text())));
        assertEquals(200, check.status(), check.text());
        assertTrue(check.body().contains("class=\"mapping-INVALID\""), check.text());
        assertTrue(row(check, "Account.UsrInn").contains("finding-NO_COLUMN"), check.text());
        assertTrue(row(check, "CaseOrigin(" + origin + ")").contains("finding-NO_RECORD"), check.text());
        assertTrue(
                check.text().contains("UsrInn")
                        && check.textOf("preview-organisation").orElse("").contains("Account"),
                "what a delivery writes, in the CRM's terms: " + check.text());

        // 2. A visitor's submission is accepted and stored; delivery waits instead of failing.
        String tag = "selfcheck-" + UUID.randomUUID();
        Map<String, String> fields = ApiClient.distinctVisitor(tag);
        Answer accepted = new ApiClient(casegate.url("api/"), API_KEY).submit(fields);
        assertEquals(202, accepted.status(), accepted.body());
        String reference = accepted.text("reference");
        Thread.sleep(8_000); // several dispatcher polls (1 s) and deferrals (2 s)
        JsonObject delivery = readinessCheck("crm-delivery").getJsonObject("data");
        assertEquals("0", delivery.getString("deadLettered"), "nothing dead-lettered: " + delivery);
        assertEquals("1", delivery.getString("undelivered"), "the submission waits: " + delivery);
        assertNull(api().status(reference).text("caseNumber"));
        assertTrue(crm.list("Case", "contains(Subject, '" + tag + "')").isEmpty(), "nothing reached the CRM");

        // 3. The operator corrects the column and restarts Casegate on the same database: the
        //    self-check now names only the origin, and the submission still waits.
        casegate.close();
        casegate = startCasegate("UsrINN");
        data = awaitReadiness(503).getJsonObject("data");
        assertEquals("invalid", data.getString("state"), data.toString());
        assertTrue(data.containsKey("CaseOrigin(" + origin + ")"), data.toString());
        assertFalse(data.containsKey("Account.UsrINN"), data.toString());
        assertNull(api().status(reference).text("caseNumber"));

        // 4. The operator adds the origin to the CRM's lookup. Nobody touches Casegate: its next
        //    self-check finds the CRM fixed, and the waiting submission becomes exactly one case.
        addCaseOrigin(crm.root());
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> api().status(reference).text("caseNumber") != null);
        assertEquals(200, readiness().statusCode(), readiness().body());
        assertEquals(
                "valid", readinessCheck("crm-mapping").getJsonObject("data").getString("state"));
        List<JsonObject> cases = crm.list("Case", "contains(Subject, '" + tag + "')");
        assertEquals(1, cases.size(), cases.toString());
        assertEquals(origin.toString(), cases.get(0).getString("OriginId"));
        assertEquals(
                1, crm.list("Account", "UsrINN eq '" + fields.get("inn") + "'").size(), "the INN in its column");
        assertEquals("0", readinessCheck("crm-delivery").getJsonObject("data").getString("deadLettered"));

        // 5. "Check again" on the admin page checks at once and shows every requirement present.
        PlainBrowser admin = signedInAdmin();
        Page page = admin.get(casegate.url("admin/crm-check.xhtml"));
        Page recheck = admin.post(
                page.formAction("recheck").orElseThrow(() -> new AssertionError(page.text())),
                Map.of(
                        "recheck", "recheck",
                        "recheck:again", "x",
                        "jakarta.faces.ViewState", page.viewState().orElseThrow()));
        assertEquals(302, recheck.status(), "post-redirect-get: " + recheck.text());
        Page checked = admin.follow(recheck);
        assertTrue(checked.textOf("check-outcome").isPresent(), checked.text());
        assertTrue(checked.body().contains("class=\"mapping-VALID\""), checked.text());
        assertTrue(row(checked, "CaseOrigin(" + origin + ")").contains("finding-PRESENT"), checked.text());
        assertTrue(row(checked, "Account.UsrINN").contains("finding-PRESENT"), checked.text());
    }

    private CasegateProcess startCasegate(String innColumn) {
        Map<String, String> settings = new LinkedHashMap<>(sandbox.crmSettings());
        settings.put("casegate.data.dir", dataDir);
        settings.put("casegate.api.keys", API_KEY);
        settings.put("casegate.admin.users", ADMIN + ":" + PasswordHashes.hash(ADMIN_PASSWORD.toCharArray()));
        settings.put("casegate.crm.account-inn-column", innColumn);
        settings.put("casegate.crm.case-origin-id", origin.toString());
        settings.put("casegate.crm.self-check-interval", "2s");
        settings.put("casegate.delivery.poll-interval", "1s");
        settings.put("casegate.delivery.attempt-timeout", "10s");
        // Without the wait, the first refusal of the CRM would make the submission a dead letter.
        settings.put("casegate.delivery.retry.max-attempts", "1");
        return CasegateProcess.start("selfcheck", "casegate", settings, "index.xhtml");
    }

    private ApiClient api() {
        return new ApiClient(casegate.url("api/"), API_KEY);
    }

    private PlainBrowser signedInAdmin() {
        PlainBrowser browser = new PlainBrowser();
        Page signedIn = browser.signIn(casegate.url("admin/index.xhtml"), ADMIN, ADMIN_PASSWORD);
        assertEquals(302, signedIn.status());
        assertEquals(200, browser.follow(signedIn).status());
        return browser;
    }

    /** The crm-mapping check, once readiness answers with this status. */
    private JsonObject awaitReadiness(int status) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> readiness().statusCode() == status);
        return readinessCheck("crm-mapping");
    }

    private JsonObject readinessCheck(String name) {
        JsonObject body =
                Json.createReader(new StringReader(readiness().body())).readObject();
        return body.getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject)
                .filter(check -> check.getString("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + body));
    }

    private HttpResponse<String> readiness() {
        try {
            return http.send(
                    HttpRequest.newBuilder(casegate.serverUrl("health/ready"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The table row of the CRM check page that names this requirement. */
    private static String row(Page page, String name) {
        int at = page.body().indexOf("<code>" + name + "</code>");
        assertTrue(at > 0, "no row " + name + ": " + page.text());
        return page.body().substring(page.body().lastIndexOf("<tr", at), at);
    }

    /** What an operator does in the CRM: a new row of the CaseOrigin lookup, with the id Casegate is configured with. */
    private void addCaseOrigin(URI crm) throws IOException, InterruptedException {
        CookieManager cookies = new CookieManager();
        HttpClient operator = HttpClient.newBuilder().cookieHandler(cookies).build();
        HttpResponse<String> login = operator.send(
                HttpRequest.newBuilder(URI.create(crm + "/ServiceModel/AuthService.svc/Login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"UserName\":\"Supervisor\",\"UserPassword\":\"Supervisor\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        String csrf = cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("BPMCSRF"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow();
        HttpResponse<String> created = operator.send(
                HttpRequest.newBuilder(URI.create(crm + "/0/odata/CaseOrigin"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .header("BPMCSRF", csrf)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"Id\":\"" + origin + "\",\"Name\":\"Форма на сайте (Casegate)\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
    }
}
