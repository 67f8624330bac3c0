package io.casegate.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.casegate.admin.control.PasswordHashes;
import io.casegate.feedback.FeedbackPage;
import io.casegate.testing.Browser;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.Deployments;
import io.casegate.testing.SampleFiles;

/**
 * Issue 14, browser and session hardening, against Casegate in a Payara Micro process of its own:
 * the headers every kind of response carries, the form working in Chromium under the
 * Content-Security-Policy without a violation in the console, the session cookie, the admin
 * session across login and logout, and error pages that give nothing away.
 */
class BrowserHardeningIT {

    static final String ADMIN = "it-admin";
    static final String ADMIN_PASSWORD = "it-admin-password-" + UUID.randomUUID();

    static CasegateProcess casegate;

    @BeforeAll
    static void start() {
        File war = new File("target/browser-hardening-it.war");
        Deployments.casegate()
                .addClass(FailingServlet.class)
                .as(ZipExporter.class)
                .exportTo(war, true);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("casegate.data.dir", "target/it-data/hardening-" + UUID.randomUUID());
        settings.put("casegate.sandbox.enabled", "true");
        settings.put("casegate.form.case-number-wait", "2s");
        settings.put("casegate.delivery.poll-interval", "PT1S");
        settings.put("casegate.admin.users", ADMIN + ":" + PasswordHashes.hash(ADMIN_PASSWORD.toCharArray()));
        casegate = CasegateProcess.start("hardening", "casegate", settings, "index.xhtml", war.getPath());
    }

    @AfterAll
    static void stop() {
        if (casegate != null) {
            casegate.close();
        }
    }

    @Test
    void everyKindOfResponseCarriesTheHeaders() {
        Client client = new Client();
        client.signIn();
        Map<String, Integer> pages = new LinkedHashMap<>();
        pages.put("index.xhtml", 200);
        pages.put("status.xhtml", 200);
        pages.put("admin-login.xhtml", 200);
        pages.put("admin/index.xhtml", 200);
        pages.put("admin/crm-check.xhtml", 200);
        pages.put("jakarta.faces.resource/casegate.css.xhtml?ln=casegate", 200);
        pages.put("jakarta.faces.resource/form.js.xhtml?ln=casegate", 200);
        pages.put("no-such-page.xhtml", 404);
        pages.put("it-failure", 500);
        pages.forEach((page, status) -> {
            HttpResponse<String> answer = client.get(page);
            assertEquals(status, answer.statusCode(), page);
            String policy = header(answer, "Content-Security-Policy").orElse("");
            assertTrue(policy.contains("script-src 'self';"), page + ": " + policy);
            assertTrue(policy.contains("style-src 'self';"), page + ": " + policy);
            assertFalse(policy.contains("unsafe-inline"), page + ": " + policy);
            assertTrue(policy.endsWith("frame-ancestors 'self'"), page + ": " + policy);
            assertEquals(Optional.of("SAMEORIGIN"), header(answer, "X-Frame-Options"), page);
            assertEquals(Optional.of("strict-origin-when-cross-origin"), header(answer, "Referrer-Policy"), page);
            assertEquals(Optional.of("nosniff"), header(answer, "X-Content-Type-Options"), page);
            assertEquals(Optional.empty(), header(answer, "X-Powered-By"), page);
            assertEquals(Optional.empty(), header(answer, "Server"), page);
        });
    }

    @Test
    void errorPagesShowNoStackTraceNorServerVersion() {
        Client client = new Client();
        for (String page : List.of("no-such-page.xhtml", "no/such/path", "it-failure")) {
            HttpResponse<String> answer = client.get(page);
            String body = answer.body();
            boolean missing = answer.statusCode() == 404;
            assertTrue(missing || answer.statusCode() == 500, page + " " + answer.statusCode());
            assertTrue(body.contains("Страница недоступна"), page + ": " + body);
            assertTrue(
                    body.contains(missing ? "Такой страницы нет" : "Не получилось выполнить запрос"),
                    page + ": " + body);
            for (String leak : List.of("Payara", "GlassFish", "Exception", "at io.casegate", FailingServlet.SECRET)) {
                assertFalse(body.contains(leak), page + " shows " + leak + ": " + body);
            }
        }
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteButNotSecureOnPlainHttp() {
        Client client = new Client();
        HttpResponse<String> form = client.get("index.xhtml");
        String cookie = form.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + form.headers()));
        String attributes = cookie.toLowerCase(Locale.ROOT);
        assertTrue(attributes.contains("httponly"), cookie);
        assertTrue(attributes.contains("samesite=lax"), cookie);
        // casegate.http.secure-cookies is off and this request came over plain HTTP (the README's demo).
        assertFalse(attributes.contains("secure;") || attributes.endsWith("secure"), cookie);
    }

    @Test
    void withSecureCookiesConfiguredTheSessionCookieIsSecureEvenOnPlainHttp() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("casegate.data.dir", "target/it-data/hardening-secure-" + UUID.randomUUID());
        settings.put("casegate.http.secure-cookies", "true");
        settings.put("casegate.http.frame-ancestors", "'self' https://www.example.com");
        try (CasegateProcess secure = CasegateProcess.start("hardening-secure", "casegate", settings, "index.xhtml")) {
            HttpResponse<String> form = new Client(secure).get("index.xhtml");
            String cookie = sessionCookie(form).toLowerCase(Locale.ROOT);
            assertTrue(cookie.contains("; secure"), cookie);
            assertTrue(cookie.contains("samesite=lax"), cookie);
            String policy = header(form, "Content-Security-Policy").orElse("");
            assertTrue(policy.endsWith("frame-ancestors 'self' https://www.example.com"), policy);
            assertEquals(Optional.empty(), header(form, "X-Frame-Options"), "it would forbid the configured embedding");
        }
    }

    private static String sessionCookie(HttpResponse<String> answer) {
        return answer.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + answer.headers()));
    }

    @Test
    void theSessionIdChangesAtLoginAndLogoutEndsTheAdminSession() {
        Client client = new Client();
        assertEquals(302, client.get("admin/index.xhtml").statusCode());
        String before = client.sessionId().orElseThrow();

        client.signIn();
        String after = client.sessionId().orElseThrow();
        assertNotEquals(before, after, "the session id planted before the login still works");
        HttpResponse<String> admin = client.get("admin/index.xhtml");
        assertEquals(200, admin.statusCode());
        assertTrue(admin.body().contains("id=\"logout-button\""), "no logout button");

        // Someone who copied the signed-in cookie is signed out too.
        Client copy = new Client();
        copy.cookie(after);
        assertEquals(200, copy.get("admin/index.xhtml").statusCode());

        HttpResponse<String> logout = client.post("admin/logout", Map.of());
        assertEquals(302, logout.statusCode());
        assertTrue(
                header(logout, "Location").orElse("").endsWith("/admin-login.xhtml"),
                logout.headers().toString());
        assertEquals(302, client.get("admin/index.xhtml").statusCode(), "still signed in after the logout");
        assertEquals(302, copy.get("admin/index.xhtml").statusCode(), "the old session survived the logout");
    }

    @Test
    void theFormSendsInChromiumWithoutAnyContentSecurityPolicyViolation() throws IOException {
        try (Browser browser = Browser.russian()) {
            try {
                sendAndSignOut(browser);
            } finally {
                browser.screenshot("hardening-form");
            }
            // Chromium logs every Content-Security-Policy refusal to the console, blocked inline
            // handlers, scripts, styles and frames alike.
            List<String> violations = browser.driver().manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::getMessage)
                    .filter(message -> message.contains("Content Security Policy"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), violations);
        }
    }

    private static void sendAndSignOut(Browser browser) throws IOException {
        {
            FeedbackPage page =
                    new FeedbackPage(browser.driver(), new URL(casegate.url("").toString())).open();
            // A rejected submit first (ajax renders the messages), then the real one.
            page.send();
            page.awaitErrorSummary();
            page.fillValidFields("CSP " + UUID.randomUUID()).attach(SampleFiles.pdf("check.pdf"));
            browser.driver().executeScript("window.samePage = true");
            page.send();
            page.awaitSuccessDialog(Duration.ofSeconds(60));
            // The dialog puts the page of the sent form into the address bar (history.replaceState),
            // so the address alone does not tell; a page load would lose this mark.
            assertEquals(
                    true,
                    browser.driver().executeScript("return window.samePage === true"),
                    "the form was not sent by ajax, it left the page: "
                            + browser.driver().getCurrentUrl());

            browser.driver().get(casegate.url("status.xhtml").toString());
            browser.driver().get(casegate.url("admin-login.xhtml").toString());
            browser.driver().findElement(By.name("j_username")).sendKeys(ADMIN);
            browser.driver().findElement(By.name("j_password")).sendKeys(ADMIN_PASSWORD);
            browser.driver().findElement(By.name("j_password")).submit();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("logout-button")));
            browser.driver().findElement(By.id("logout-button")).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                    .until(ExpectedConditions.urlContains("admin-login.xhtml"));
            browser.driver().get(casegate.url("admin/index.xhtml").toString());
            assertTrue(browser.driver().getCurrentUrl().contains("admin-login.xhtml"), "signed in after logout");
        }
    }

    private static Optional<String> header(HttpResponse<?> answer, String name) {
        return answer.headers().firstValue(name);
    }

    /** A cookie-keeping HTTP client that does not follow redirects, so that each answer can be checked. */
    static final class Client {
        private final CasegateProcess casegate;
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        Client() {
            this(BrowserHardeningIT.casegate);
        }

        Client(CasegateProcess casegate) {
            this.casegate = casegate;
        }

        HttpResponse<String> get(String page) {
            return send(HttpRequest.newBuilder(casegate.url(page)).GET());
        }

        HttpResponse<String> post(String page, Map<String, String> fields) {
            String body = fields.entrySet().stream()
                    .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                    .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(casegate.url(page))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        void signIn() {
            HttpResponse<String> answer =
                    post("j_security_check", Map.of("j_username", ADMIN, "j_password", ADMIN_PASSWORD));
            assertEquals(302, answer.statusCode());
            assertFalse(
                    header(answer, "Location").orElse("").contains("failed"),
                    answer.headers().toString());
        }

        Optional<String> sessionId() {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(cookie -> cookie.getName().equals("JSESSIONID"))
                    .map(cookie -> cookie.getValue())
                    .findFirst();
        }

        void cookie(String sessionId) {
            java.net.HttpCookie cookie = new java.net.HttpCookie("JSESSIONID", sessionId);
            cookie.setPath("/casegate");
            cookie.setVersion(0);
            cookies.getCookieStore().add(URI.create(casegate.url("").toString()), cookie);
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(
                        request.header("Accept-Language", "ru-RU,ru").build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }
    }
}
