package io.casegate.sandbox;

import static io.casegate.sandbox.SandboxClient.json;
import static io.casegate.sandbox.SandboxClient.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

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

/** Rules 1 and 2 of the sandbox: login, cookies, CSRF, session expiry, logout, OAuth tokens. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SandboxAuthIT {

    private static final String CONTACTS = "/0/odata/Contact";

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
    void loginAnswersCreatiosBodyAndSetsItsCookies() {
        SandboxClient client = new SandboxClient(base);
        HttpResponse<String> response = client.login("Supervisor", "Supervisor");

        assertEquals(200, response.statusCode());
        JsonObject body = json(response);
        assertEquals(0, body.getInt("Code"));
        assertEquals("", body.getString("Message"));
        assertTrue(
                body.isNull("Exception") && body.isNull("PasswordChangeUrl") && body.isNull("RedirectUrl"),
                response.body());
        String appPath = client.applicationPath();
        assertCookie(client, ".ASPXAUTH", appPath, true);
        assertCookie(client, "BPMLOADER", appPath, true);
        assertCookie(client, "BPMCSRF", "/", false);
        assertCookie(client, "BPMSESSIONID", appPath, true);
        assertEquals("General", client.cookie("UserType"));
    }

    private static void assertCookie(SandboxClient client, String name, String path, boolean httpOnly) {
        String header = client.setCookieHeaders().stream()
                .filter(line -> line.startsWith(name + "="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + client.setCookieHeaders()));
        assertFalse(client.cookie(name).isEmpty(), header);
        assertTrue(header.contains("path=" + path + ";") || header.endsWith("path=" + path), header);
        assertEquals(httpOnly, header.contains("HttpOnly"), header);
    }

    @Test
    void badCredentialsAre200WithCode1AndTheDefaultMessage() {
        SandboxClient client = new SandboxClient(base);
        long failedBefore = client.stats().getJsonNumber("failedLogins").longValue();

        HttpResponse<String> response = client.login("Supervisor", "wrong");

        assertEquals(200, response.statusCode());
        JsonObject body = json(response);
        assertEquals(1, body.getInt("Code"));
        assertEquals(
                "Either invalid username or password specified, or your user account is inactive.",
                body.getString("Message"));
        assertNull(client.cookie("BPMCSRF"), "no session cookies on a failed login");
        assertEquals(401, client.get(CONTACTS).statusCode());
        assertEquals(
                failedBefore + 1, client.stats().getJsonNumber("failedLogins").longValue());
    }

    @Test
    void modifyingCallsNeedTheSessionsCsrfTokenButGetDoesNot() {
        SandboxClient client = new SandboxClient(base).loggedIn();
        String contact = "{\"Name\":\"Csrf Check\"}";

        assertEquals(
                200, client.send("GET", CONTACTS, null, Map.of("BPMCSRF", "")).statusCode());
        HttpResponse<String> missing = client.send("POST", CONTACTS, contact, Map.of("BPMCSRF", ""));
        assertEquals(403, missing.statusCode());
        assertTrue(reason(missing).contains("BPMCSRF"), missing.body());
        assertEquals(
                403,
                client.send("POST", CONTACTS, contact, Map.of("BPMCSRF", "not-the-token"))
                        .statusCode());
        assertEquals(
                403,
                client.send("DELETE", CONTACTS + "(" + UUID.randomUUID() + ")", null, Map.of("BPMCSRF", "stale"))
                        .statusCode());
        assertEquals(201, client.post(CONTACTS, contact).statusCode());
    }

    @Test
    void withoutASessionEveryCrmRouteIs401() {
        SandboxClient anonymous = new SandboxClient(base);
        for (String path : new String[] {
            CONTACTS, "/0/odata/$metadata", "/odata/Case", "/0/rest/FileService/Download/CaseFile/" + UUID.randomUUID()
        }) {
            HttpResponse<String> response = anonymous.get(path);
            assertEquals(401, response.statusCode(), path);
            assertFalse(reason(response).isEmpty());
        }
    }

    @Test
    void anIdleSessionExpiresAndTheTimeoutSlides() {
        SandboxClient client = new SandboxClient(base).loggedIn();
        client.faults("{\"sessionTtlSeconds\":60}");
        for (int i = 0; i < 4; i++) {
            client.advanceClock(45);
            assertEquals(200, client.get(CONTACTS + "?$top=1").statusCode(), "kept alive by use, round " + i);
        }
        client.advanceClock(61);

        HttpResponse<String> expired = client.get(CONTACTS);
        assertEquals(401, expired.statusCode());
        assertTrue(reason(expired).contains("expired"), expired.body());
        client.resetFaults();
        assertEquals(200, client.loggedIn().get(CONTACTS).statusCode(), "a new login works again");
    }

    @Test
    void inRedirectModeAnExpiredSessionIsSentToTheLoginPage() {
        SandboxClient client = new SandboxClient(base).loggedIn();
        client.faults("{\"sessionTtlSeconds\":60,\"redirectToLogin\":true}");
        assertEquals(200, client.get(CONTACTS).statusCode());
        client.advanceClock(61);

        HttpResponse<String> expired = client.get(CONTACTS);

        assertEquals(302, expired.statusCode());
        String location = expired.headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith(client.url("/Login/NuiLogin.aspx?ReturnUrl=")), location);
    }

    @Test
    void expireAllSessionsNowEndsEverySessionAndToken() {
        SandboxClient first = new SandboxClient(base).loggedIn();
        SandboxClient second = new SandboxClient(base).loggedIn();
        SandboxClient bearer = new SandboxClient(base);
        bearer.useBearer(json(requestToken(
                        "client_id=casegate-sandbox&client_secret=casegate-sandbox-secret"
                                + "&grant_type=client_credentials",
                        null))
                .getString("access_token"));
        assertEquals(200, bearer.get(CONTACTS).statusCode());

        JsonObject faults = first.faults("{\"expireAllSessionsNow\":true}");

        assertFalse(faults.containsKey("expireAllSessionsNow"), "a one-off action, not a setting: " + faults);
        assertEquals(401, first.get(CONTACTS).statusCode());
        assertEquals(401, second.get(CONTACTS).statusCode());
        assertEquals(401, bearer.get(CONTACTS).statusCode());
    }

    @Test
    void redirectModeSends302ToTheLoginPage() {
        SandboxClient client = new SandboxClient(base);
        client.faults("{\"redirectToLogin\":true}");

        HttpResponse<String> response = client.get("/0/odata/Case?$top=1");

        assertEquals(302, response.statusCode());
        String location = response.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(client.url("/Login/NuiLogin.aspx?ReturnUrl=")), location);
        assertTrue(location.contains(SandboxClient.encode(client.applicationPath() + "/0/odata/Case")), location);
        HttpResponse<String> page = SandboxClient.exchange(
                HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<form"), page.body());

        client.faults("{\"redirectToLogin\":false}");
        assertEquals(401, client.get("/0/odata/Case").statusCode());
    }

    @Test
    void rotateCsrfMakesTheOldHeaderStaleUntilTheNextLogin() {
        SandboxClient client = new SandboxClient(base).loggedIn();
        String oldToken = client.cookie("BPMCSRF");
        assertEquals(
                201, client.post(CONTACTS, "{\"Name\":\"Before Rotation\"}").statusCode());

        client.faults("{\"rotateCsrf\":true}");

        assertEquals(200, client.get(CONTACTS + "?$top=1").statusCode(), "GET is not CSRF-checked");
        assertEquals(403, client.post(CONTACTS, "{\"Name\":\"After Rotation\"}").statusCode());
        client.loggedIn();
        assertNotEquals(oldToken, client.cookie("BPMCSRF"));
        assertEquals(201, client.post(CONTACTS, "{\"Name\":\"After Login\"}").statusCode());
    }

    @Test
    void logoutOnBothRoutesEndsTheSession() {
        for (String route : new String[] {"/ServiceModel/AuthService.svc/Logout", "/0/rest/MainMenuService/Logout"}) {
            SandboxClient client = new SandboxClient(base).loggedIn();
            assertEquals(200, client.get(CONTACTS).statusCode());
            assertEquals(200, client.post(route, "{}").statusCode(), route);
            assertEquals(401, client.get(CONTACTS).statusCode(), route);
        }
    }

    @Test
    void loginCountsInStats() {
        SandboxClient client = new SandboxClient(base);
        JsonObject before = client.stats();
        client.loggedIn().get(CONTACTS);
        JsonObject after = client.stats();
        assertEquals(
                before.getJsonNumber("logins").longValue() + 1,
                after.getJsonNumber("logins").longValue());
        assertTrue(after.getJsonNumber("requests").longValue()
                >= before.getJsonNumber("requests").longValue() + 2);
    }

    @Test
    void clientCredentialsTokenIsAcceptedWithoutCsrf() {
        HttpResponse<String> form = requestToken(
                "client_id=casegate-sandbox&client_secret=casegate-sandbox-secret&grant_type=client_credentials", null);
        assertEquals(200, form.statusCode(), form.body());
        JsonObject token = json(form);
        assertEquals("Bearer", token.getString("token_type"));
        assertEquals(3600, token.getInt("expires_in"));
        assertTrue(token.getString("scope").startsWith("ApplicationAccess_"), form.body());

        String basic = Base64.getEncoder()
                .encodeToString("casegate-sandbox:casegate-sandbox-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> viaBasic = requestToken("grant_type=client_credentials", "Basic " + basic);
        assertEquals(200, viaBasic.statusCode(), viaBasic.body());

        SandboxClient client = new SandboxClient(base);
        client.useBearer(token.getString("access_token"));
        assertEquals(200, client.get(CONTACTS).statusCode());
        assertEquals(
                201,
                client.post(CONTACTS, "{\"Name\":\"Token Holder\"}").statusCode(),
                "no BPMCSRF with a bearer token");

        client.useBearer("forged");
        assertEquals(401, client.get(CONTACTS).statusCode());
    }

    @Test
    void wrongClientSecretIsRefused() {
        HttpResponse<String> response =
                requestToken("client_id=casegate-sandbox&client_secret=nope&grant_type=client_credentials", null);
        assertEquals(400, response.statusCode());
        assertEquals("invalid_client", json(response).getString("error"));
        assertEquals(
                "unsupported_grant_type",
                json(requestToken(
                                "client_id=casegate-sandbox&client_secret=casegate-sandbox-secret&grant_type=password",
                                null))
                        .getString("error"));
    }

    @Test
    void anExpiredTokenGets401() {
        SandboxClient client = new SandboxClient(base);
        client.faults("{\"tokenLifetimeSeconds\":60}");
        JsonObject token = json(requestToken(
                "client_id=casegate-sandbox&client_secret=casegate-sandbox-secret&grant_type=client_credentials",
                null));
        assertEquals(60, token.getInt("expires_in"));
        client.useBearer(token.getString("access_token"));
        assertEquals(200, client.get(CONTACTS).statusCode());
        client.advanceClock(60);

        HttpResponse<String> response = client.get(CONTACTS);

        assertEquals(401, response.statusCode());
        assertNotNull(response.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    private HttpResponse<String> requestToken(String form, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(new SandboxClient(base).url("/connect/token")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return SandboxClient.exchange(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
