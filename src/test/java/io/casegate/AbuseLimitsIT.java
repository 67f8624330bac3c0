package io.casegate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.casegate.admin.control.PasswordHashes;
import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.CrmInspector;
import io.casegate.testing.NoScriptForm;
import io.casegate.testing.NoScriptForm.FilePart;
import io.casegate.testing.ThrowawayDatabase;

/**
 * Issue 14, "Abuse limits", over HTTP against real Payara Micro: the form, the status page, the
 * admin login and the API refuse a client beyond its limit, and the client's address is taken from
 * X-Forwarded-For only when the connection comes from a trusted proxy. The test connects from
 * 127.0.0.1: one server trusts no proxy, the other trusts 127.0.0.1.
 */
class AbuseLimitsIT {

    static final String ADMIN = "limits-admin";
    static final String ADMIN_PASSWORD = "limits-admin-password-" + UUID.randomUUID();
    /** Signs in in the honest visitor's test, whatever the throttling tests did to {@link #ADMIN}. */
    static final String OTHER_ADMIN = "limits-other-admin";

    static final String API_KEY = "abuse-limits-it";

    /** Trusts no proxy; small limits, so that the test reaches them quickly. */
    static CasegateProcess direct;
    /** Trusts 127.0.0.1 as a proxy; the default limits of the form and the API. */
    static CasegateProcess behindProxy;
    /** behindProxy's database, where the test reads the recorded visitor IP. */
    static ThrowawayDatabase database;

    @BeforeAll
    static void start() throws SQLException {
        Map<String, String> common = new LinkedHashMap<>();
        common.put("casegate.sandbox.enabled", "true");
        common.put(
                "casegate.admin.users",
                ADMIN + ":" + PasswordHashes.hash(ADMIN_PASSWORD.toCharArray()) + "," + OTHER_ADMIN + ":"
                        + PasswordHashes.hash(ADMIN_PASSWORD.toCharArray()));
        common.put("casegate.api.keys", API_KEY);
        common.put("casegate.delivery.poll-interval", "PT1S");
        common.put("casegate.form.case-number-wait", "2s");
        common.put("casegate.limits.status.max", "3");
        common.put("casegate.limits.admin-login.max-failures", "3");

        Map<String, String> directSettings = new LinkedHashMap<>(common);
        directSettings.put("casegate.data.dir", "target/it-data/limits-direct-" + UUID.randomUUID());
        directSettings.put("casegate.limits.form.max", "3");
        directSettings.put("casegate.limits.api.max", "2");
        direct = CasegateProcess.start("limits-direct", "casegate", directSettings, "index.xhtml");

        Map<String, String> proxySettings = new LinkedHashMap<>(common);
        database = ThrowawayDatabase.create("limits");
        proxySettings.putAll(database.casegateSettings());
        proxySettings.put("casegate.data.dir", "target/it-data/limits-proxy-" + UUID.randomUUID());
        proxySettings.put("casegate.http.trusted-proxies", "127.0.0.1,::1");
        behindProxy = CasegateProcess.start("limits-proxy", "casegate", proxySettings, "index.xhtml");
    }

    @AfterAll
    static void stop() throws SQLException {
        for (CasegateProcess server : new CasegateProcess[] {direct, behindProxy}) {
            if (server != null) {
                server.close();
            }
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void theFormBeyondItsLimitShowsTheMessageAndStoresNothing() {
        List<String> accepted = List.of(tag(), tag(), tag());
        for (String tag : accepted) {
            HttpResponse<String> sent = postForm(direct, tag, null);
            assertEquals(200, sent.statusCode(), sent.body());
            assertTrue(sent.body().contains("id=\"sent-dialog\""), sent.body());
        }
        String refusedTag = tag();
        HttpResponse<String> refused = postForm(direct, refusedTag, "198.51.100.77");
        assertEquals(200, refused.statusCode());
        assertFalse(refused.body().contains("id=\"sent-dialog\""), refused.body());
        assertTrue(
                refused.body().contains("Заявка не отправлена: с вашего адреса отправлено слишком много заявок"),
                "the visitor is told why, in Russian; X-Forwarded-For from an untrusted address changes nothing: "
                        + refused.body());

        CrmInspector crm = new CrmInspector(direct.url("sandbox/"));
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> accepted.stream()
                        .allMatch(tag -> !crm.rows("Case", "Id,Subject", "contains(Subject,'" + tag + "')")
                                .isEmpty()));
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertEquals(
                List.of(),
                crm.rows("Case", "Id,Subject", "contains(Subject,'" + refusedTag + "')"),
                "the refused submission reached the CRM");
    }

    @Test
    void anHonestVisitorIsNeverLimited() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> sent = postForm(behindProxy, tag(), null);
            assertEquals(200, sent.statusCode(), sent.body());
            assertTrue(sent.body().contains("id=\"sent-dialog\""), "submission " + (i + 1) + ": " + sent.body());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(200, statusLookup(behindProxy, "192.0.2.200").statusCode());
        }
        HttpResponse<String> login = login(behindProxy, OTHER_ADMIN, ADMIN_PASSWORD, "192.0.2.201");
        assertEquals(302, login.statusCode());
        assertFalse(login.headers().firstValue("Location").orElse("").contains("failed"));
    }

    @Test
    void theStatusPageAnswers429AndIgnoresForwardedForFromAnUntrustedAddress() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> lookup = statusLookup(direct, "203.0.113." + i);
            assertEquals(200, lookup.statusCode(), lookup.body());
            assertTrue(lookup.body().contains("id=\"status:answer\""), lookup.body());
        }
        HttpResponse<String> limited = statusLookup(direct, "203.0.113.99");
        assertEquals(429, limited.statusCode(), limited.body());
        assertRetryAfter(limited, 60);
        assertTrue(limited.body().contains("слишком много запросов"), limited.body());
        assertEquals(200, get(direct, "status.xhtml", null).statusCode(), "opening the page is not a lookup");
    }

    @Test
    void aVisitorWhoSwitchedToEnglishIsToldInEnglish() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, statusLookup(behindProxy, "203.0.113.20", "en").statusCode());
        }
        HttpResponse<String> limited = statusLookup(behindProxy, "203.0.113.20", "en");
        assertEquals(429, limited.statusCode(), limited.body());
        assertTrue(
                limited.body().contains("Too many requests have come from your address"),
                "the switch's choice, not the browser's Russian: " + limited.body());
    }

    @Test
    void forwardedForFromATrustedProxyNamesTheClient() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, statusLookup(behindProxy, "203.0.113.10").statusCode());
        }
        HttpResponse<String> limited = statusLookup(behindProxy, "203.0.113.10");
        assertEquals(429, limited.statusCode(), limited.body());
        assertRetryAfter(limited, 60);
        assertEquals(
                200,
                statusLookup(behindProxy, "203.0.113.11").statusCode(),
                "another client behind the same proxy has its own limit");
    }

    @Test
    void theAdminLoginIsThrottledPerAddress() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> failed = login(direct, ADMIN, "wrong-" + i, null);
            assertEquals(302, failed.statusCode());
            assertTrue(failed.headers().firstValue("Location").orElse("").contains("failed=true"));
        }
        HttpResponse<String> right = login(direct, ADMIN, ADMIN_PASSWORD, null);
        assertEquals(429, right.statusCode(), "even the right password waits: " + right.body());
        assertRetryAfter(right, 15 * 60);
        HttpResponse<String> otherName = login(direct, "somebody-else", "x", "192.0.2.9");
        assertEquals(429, otherName.statusCode(), "the address is throttled, whatever name or header");
    }

    @Test
    void theAdminLoginIsThrottledPerUserNameWithoutRevealingWhetherItExists() {
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    302, login(behindProxy, ADMIN, "wrong", "198.51.100." + i).statusCode());
            assertEquals(
                    302,
                    login(behindProxy, "nobody-" + ADMIN, "wrong", "198.51.100." + (10 + i))
                            .statusCode());
        }
        HttpResponse<String> known = login(behindProxy, ADMIN, ADMIN_PASSWORD, "198.51.100.50");
        HttpResponse<String> unknown = login(behindProxy, "nobody-" + ADMIN, "x", "198.51.100.51");
        assertEquals(429, known.statusCode(), "per name, from a fresh address: " + known.body());
        assertEquals(429, unknown.statusCode(), "an unknown name gets the same answer");
        assertEquals(known.body(), unknown.body());
        assertRetryAfter(known, 15 * 60);
    }

    @Test
    void theApiLimitPerKeyWhenConfigured() {
        ApiClient api = new ApiClient(direct.url("api/"), API_KEY);
        assertEquals(
                202,
                api.submit(ApiClient.validFields(tag(), "api-limit@example.ru", "ООО Лимит"))
                        .status());
        assertEquals(
                202,
                api.submit(ApiClient.validFields(tag(), "api-limit@example.ru", "ООО Лимит"))
                        .status());
        HttpResponse<String> limited = NoScriptForm.send(
                HttpClient.newHttpClient(),
                HttpRequest.newBuilder(direct.url("api/v1/submissions"))
                        .header("X-Api-Key", API_KEY)
                        .header("Content-Type", "multipart/form-data; boundary=xyz")
                        .POST(HttpRequest.BodyPublishers.ofString("--xyz--\r\n")));
        assertEquals(429, limited.statusCode(), limited.body());
        assertRetryAfter(limited, 60);
        assertTrue(limited.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));

        ApiClient unlimited = new ApiClient(behindProxy.url("api/"), API_KEY);
        for (int i = 0; i < 5; i++) {
            Answer answer = unlimited.status("WEB-2026-" + (900000 + i));
            assertEquals(404, answer.status(), "off by default: " + answer.body());
        }
    }

    @Test
    void theRecordedVisitorIpIsTheOneTheTrustedProxyForwarded() throws SQLException {
        String tag = tag();
        HttpResponse<String> sent = postForm(behindProxy, tag, "10.20.30.40, 203.0.113.50");
        assertTrue(sent.body().contains("id=\"sent-dialog\""), sent.body());
        assertEquals("203.0.113.50", recordedIp("form-" + tag + "@example.ru"), "the rightmost untrusted hop");

        String apiTag = tag();
        HttpResponse<String> api = NoScriptForm.send(
                HttpClient.newHttpClient(),
                HttpRequest.newBuilder(behindProxy.url("api/v1/submissions"))
                        .header("X-Api-Key", API_KEY)
                        .header("X-Forwarded-For", "203.0.113.51")
                        .header("Content-Type", "multipart/form-data; boundary=xyz")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(NoScriptForm.multipart(
                                "xyz",
                                ApiClient.validFields(apiTag, "api-" + apiTag + "@example.ru", "ООО Прокси"),
                                "files",
                                List.of(FilePart.smallPdf("акт.pdf"))))));
        assertEquals(202, api.statusCode(), api.body());
        assertEquals("203.0.113.51", recordedIp("api-" + apiTag + "@example.ru"));
    }

    private static String recordedIp(String email) throws SQLException {
        Map<String, String> settings = database.casegateSettings();
        try (Connection connection = DriverManager.getConnection(
                        settings.get("casegate.db.url"),
                        settings.get("casegate.db.user"),
                        System.getProperty("casegate.it.postgres.password", ""));
                PreparedStatement query =
                        connection.prepareStatement("SELECT client_ip FROM submission WHERE email = ?")) {
            query.setString(1, email);
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next(), "no submission of " + email);
                return rows.getString(1);
            }
        }
    }

    private static void assertRetryAfter(HttpResponse<String> response, long maxSeconds) {
        long seconds =
                Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(seconds >= 1 && seconds <= maxSeconds, "Retry-After: " + seconds);
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static HttpResponse<String> get(CasegateProcess server, String path, String forwardedFor) {
        return NoScriptForm.send(
                browser(),
                withForwardedFor(HttpRequest.newBuilder(server.url(path)).GET(), forwardedFor));
    }

    private static HttpResponse<String> statusLookup(CasegateProcess server, String forwardedFor) {
        return statusLookup(server, forwardedFor, null);
    }

    /**
     * The status page's form as a browser with Russian in its Accept-Language posts it: a lookup of
     * an unknown reference, after choosing {@code language} with the page's switch when not null.
     */
    private static HttpResponse<String> statusLookup(CasegateProcess server, String forwardedFor, String language) {
        HttpClient browser = browser();
        String page = NoScriptForm.send(
                        browser,
                        HttpRequest.newBuilder(
                                        server.url("status.xhtml" + (language == null ? "" : "?lang=" + language)))
                                .header("Accept-Language", "ru")
                                .GET())
                .body();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", "status");
        fields.put("status:reference", "WEB-2026-999999");
        fields.put("status:email", "nobody@example.ru");
        fields.put("status:check", "check");
        fields.put("jakarta.faces.ViewState", viewState(page));
        return NoScriptForm.send(
                browser,
                withForwardedFor(
                        HttpRequest.newBuilder(server.url("status.xhtml").resolve(formAction(page, "status")))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Accept-Language", "ru")
                                .POST(HttpRequest.BodyPublishers.ofString(urlEncoded(fields))),
                        forwardedFor));
    }

    private static HttpResponse<String> login(
            CasegateProcess server, String name, String password, String forwardedFor) {
        return NoScriptForm.send(
                browser(),
                withForwardedFor(
                        HttpRequest.newBuilder(server.url("j_security_check"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        urlEncoded(Map.of("j_username", name, "j_password", password)))),
                        forwardedFor));
    }

    /** The form as a browser without JavaScript posts it; {@code tag} goes into the subject. */
    private static HttpResponse<String> postForm(CasegateProcess server, String tag, String forwardedFor) {
        return NoScriptForm.open(server.url("index.xhtml"), tag, "form-" + tag + "@example.ru", "ООО Форма " + tag)
                .post(
                        List.of(FilePart.smallPdf("акт.pdf")),
                        forwardedFor == null ? Map.of() : Map.of("X-Forwarded-For", forwardedFor));
    }

    private static String viewState(String page) {
        Matcher m = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
                .matcher(page);
        assertTrue(m.find(), page);
        return m.group(1).replace("&#58;", ":");
    }

    private static URI formAction(String page, String formId) {
        Matcher m = Pattern.compile("<form id=\"" + Pattern.quote(formId) + "\"[^>]*action=\"([^\"]+)\"")
                .matcher(page);
        assertTrue(m.find(), page);
        return URI.create(m.group(1).replace("&amp;", "&"));
    }

    private static HttpRequest.Builder withForwardedFor(HttpRequest.Builder request, String forwardedFor) {
        return forwardedFor == null ? request : request.header("X-Forwarded-For", forwardedFor);
    }

    private static String urlEncoded(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
