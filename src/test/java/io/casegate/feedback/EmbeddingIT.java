package io.casegate.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import com.sun.net.httpserver.HttpServer;

import io.casegate.testing.Browser;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.CrmInspector;
import io.casegate.testing.SampleFiles;

/**
 * Issue 16, the form on the site's own pages: a page of another origin (a JDK HTTP server on
 * 127.0.0.1, another port) embeds the form with the documented snippet; the frame takes the height
 * of its content and grows when validation messages appear; a submission sent from inside it
 * reaches the sandbox CRM, and the page hears {@code casegate:submitted} or goes to its own
 * thank-you page; a page of an origin that {@code casegate.http.frame-ancestors} does not name is
 * refused by the browser.
 */
class EmbeddingIT {

    static HttpServer site;
    static HttpServer stranger;
    static CasegateProcess casegate;

    @BeforeAll
    static void start() throws IOException {
        site = server();
        stranger = server();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("casegate.data.dir", "target/it-data/embedding-" + UUID.randomUUID());
        settings.put("casegate.sandbox.enabled", "true");
        settings.put("casegate.form.case-number-wait", "5s");
        settings.put("casegate.delivery.poll-interval", "1s");
        settings.put("casegate.limits.form.max", "0");
        settings.put("casegate.http.frame-ancestors", "'self' " + origin(site));
        settings.put("casegate.form.success-redirect", origin(site) + "/thanks.html?from=casegate");
        casegate = CasegateProcess.start("embedding", "casegate", settings, "index.xhtml");
        for (HttpServer server : List.of(site, stranger)) {
            page(server, "/listening.html", parentPage(true));
            page(server, "/plain.html", parentPage(false));
            page(server, "/thanks.html", "<!DOCTYPE html><title>Спасибо</title><h1 id=\"thanks\">Спасибо!</h1>");
            server.start();
        }
    }

    @AfterAll
    static void stop() {
        if (casegate != null) {
            casegate.close();
        }
        for (HttpServer server : new HttpServer[] {site, stranger}) {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    /**
     * The snippet of docs/form.md, on a page of the site's own. The listening page handles
     * {@code casegate:submitted} itself (and stays); the plain one lets embed.js open the thank-you page.
     */
    static String parentPage(boolean listening) {
        return "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Сайт</title></head><body>"
                + "<h1>Страница сайта</h1>"
                + "<iframe id=\"casegate\" src=\"" + casegate.url("") + "\" title=\"Обращение в поддержку\""
                + " style=\"width:100%;border:0;height:150px\"></iframe>"
                + "<pre id=\"submitted\"></pre>"
                + "<script src=\"" + casegate.url("resources/casegate/embed.js") + "\" async></script>"
                + (listening
                        ? "<script>document.addEventListener('casegate:submitted', function (event) {"
                                + " event.preventDefault();"
                                + " document.getElementById('submitted').textContent ="
                                + " JSON.stringify(event.detail); });</script>"
                        : "")
                + "</body></html>";
    }

    @Test
    void theEmbeddedFormSizesItselfAndSendsACaseIntoTheCrm() {
        String tag = "Встроенная форма " + UUID.randomUUID();
        try (Browser browser = Browser.russian()) {
            try {
                browser.driver().get(origin(site) + "/listening.html");
                WebElement frame = browser.driver().findElement(By.id("casegate"));
                FeedbackPage page = new FeedbackPage(browser.driver(), null);
                int empty = page.waitUpTo(Duration.ofSeconds(60)).until(driver -> {
                    int height = heightOf(frame);
                    return height > 600 ? height : null;
                });
                browser.driver().switchTo().frame(frame);
                int content = contentHeight(browser);
                browser.driver().switchTo().defaultContent();
                assertTrue(Math.abs(empty - content) <= 2, "frame " + empty + ", content " + content);

                browser.driver().switchTo().frame(frame);
                page.send();
                page.awaitErrorSummary();
                browser.driver().switchTo().defaultContent();
                int withErrors = page.waitUpTo(Duration.ofSeconds(30)).until(driver -> {
                    int height = heightOf(frame);
                    return height > empty + 100 ? height : null;
                });
                browser.driver().switchTo().frame(frame);
                assertTrue(Math.abs(withErrors - contentHeight(browser)) <= 2, "the frame does not fit its content");

                page.fillValidFields(tag).attach(SampleFiles.pdf("embedded.pdf"));
                page.send();
                page.awaitSuccessDialog(Duration.ofSeconds(60));
                browser.driver().switchTo().defaultContent();
                String submitted = page.waitUpTo(Duration.ofSeconds(30)).until(driver -> {
                    String text = driver.findElement(By.id("submitted")).getText();
                    return text.isBlank() ? null : text;
                });
                JsonObject detail = jakarta.json.Json.createReader(new java.io.StringReader(submitted))
                        .readObject();
                assertTrue(detail.getString("reference").startsWith("WEB-"), submitted);
                assertTrue(browser.driver().getCurrentUrl().endsWith("/listening.html"), "the listener kept the page");

                List<JsonObject> cases = awaitCases(tag);
                assertEquals(1, cases.size());
                assertEquals(cases.get(0).getString("Number"), detail.getString("number"), submitted);
            } finally {
                browser.driver().switchTo().defaultContent();
                browser.screenshot("embedding-01-sent");
            }
        }
    }

    @Test
    void withoutAListenerThePageGoesToTheSitesThankYouPageWithTheNumbers() {
        String tag = "Страница благодарности " + UUID.randomUUID();
        try (Browser browser = Browser.russian()) {
            browser.driver().get(origin(site) + "/plain.html");
            WebElement frame = browser.driver().findElement(By.id("casegate"));
            FeedbackPage page = new FeedbackPage(browser.driver(), null);
            page.waitUpTo(Duration.ofSeconds(60)).until(driver -> heightOf(frame) > 600);
            browser.driver().switchTo().frame(frame);
            page.fillValidFields(tag).attach(SampleFiles.pdf("thanks.pdf"));
            page.send();
            browser.driver().switchTo().defaultContent();
            page.waitUpTo(Duration.ofSeconds(60))
                    .until(driver -> !driver.findElements(By.id("thanks")).isEmpty());
            URI thanks = URI.create(browser.driver().getCurrentUrl());
            Map<String, String> query = query(thanks);
            assertEquals("/thanks.html", thanks.getPath());
            assertEquals("casegate", query.get("from"));
            assertTrue(query.get("reference").startsWith("WEB-"), thanks.toString());
            List<JsonObject> cases = awaitCases(tag);
            assertEquals(cases.get(0).getString("Number"), query.get("number"), thanks.toString());
        }
    }

    @Test
    void notEmbeddedTheFormItselfOpensTheThankYouPage() throws IOException {
        String tag = "Без фрейма " + UUID.randomUUID();
        try (Browser browser = Browser.russian()) {
            FeedbackPage page =
                    new FeedbackPage(browser.driver(), new URL(casegate.url("").toString())).open();
            page.fillValidFields(tag).attach(SampleFiles.pdf("top.pdf"));
            page.send();
            page.waitUpTo(Duration.ofSeconds(60))
                    .until(driver -> !driver.findElements(By.id("thanks")).isEmpty());
            assertTrue(query(URI.create(browser.driver().getCurrentUrl()))
                    .get("reference")
                    .startsWith("WEB-"));
        }
    }

    @Test
    void aPageOfAnOriginNotAllowedGetsNoForm() {
        try (Browser browser = Browser.russian()) {
            browser.driver().get(origin(stranger) + "/listening.html");
            WebElement frame = browser.driver().findElement(By.id("casegate"));
            FeedbackPage page = new FeedbackPage(browser.driver(), null);
            page.waitUpTo(Duration.ofSeconds(30))
                    .until(driver -> driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                            .map(LogEntry::getMessage)
                            .anyMatch(message -> message.contains("frame-ancestors")));
            assertEquals(150, heightOf(frame), "the refused frame was sized");
            browser.driver().switchTo().frame(frame);
            assertTrue(browser.driver().findElements(By.id("feedback:send")).isEmpty(), "the form is shown");
            browser.screenshot("embedding-02-refused");
        }
    }

    @Test
    void theCspNamesTheAllowedParentAndEmbedJsIsServed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> form =
                http.send(HttpRequest.newBuilder(casegate.url("")).build(), HttpResponse.BodyHandlers.ofString());
        String policy = form.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.endsWith("frame-ancestors 'self' " + origin(site)), policy);
        assertFalse(form.headers().firstValue("X-Frame-Options").isPresent());
        HttpResponse<String> script = http.send(
                HttpRequest.newBuilder(casegate.url("resources/casegate/embed.js"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, script.statusCode());
        assertTrue(
                script.headers().firstValue("Content-Type").orElse("").contains("javascript"),
                script.headers().toString());
        assertTrue(script.body().contains("casegate:submitted"));
    }

    private static List<JsonObject> awaitCases(String tag) {
        CrmInspector crm = new CrmInspector(casegate.url("sandbox/"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<JsonObject> cases = crm.rows("Case", "Id,Number,Subject", "contains(Subject,'" + tag + "')");
            if (!cases.isEmpty() || System.nanoTime() > deadline) {
                assertFalse(cases.isEmpty(), "no case in the CRM for " + tag);
                return cases;
            }
            sleep(Duration.ofMillis(500));
        }
    }

    private static int heightOf(WebElement frame) {
        return (int) Math.round(frame.getRect().getHeight());
    }

    private static int contentHeight(Browser browser) {
        return ((Number) browser.driver()
                        .executeScript("return Math.ceil(document.documentElement.getBoundingClientRect().height)"))
                .intValue();
    }

    static Map<String, String> query(URI uri) {
        return java.util.Arrays.stream(uri.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        pair -> pair[0],
                        pair -> java.net.URLDecoder.decode(pair.length > 1 ? pair[1] : "", StandardCharsets.UTF_8)));
    }

    static HttpServer server() throws IOException {
        return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    }

    static String origin(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static void page(HttpServer server, String path, String html) {
        server.createContext(path, exchange -> {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
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
