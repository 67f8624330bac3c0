package io.casegate.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.casegate.testing.ApiClient;
import io.casegate.testing.Browser;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.CrmInspector;

/**
 * Issue 16, branding without rebuilding and the file that is not required: the packaged WAR,
 * started with {@code casegate.branding.dir} naming a directory of texts (both languages), a
 * stylesheet and a logo, shows the operator's texts, colour and logo; the directory's other files
 * are not served. With {@code casegate.form.file-required=false} the form and the REST API both
 * accept a submission without files, and it reaches the CRM.
 */
class BrandingIT {

    static final String API_KEY = "branding-it";
    static final String BLUE = "rgba(0, 87, 184, 1)";

    static Path branding;
    static CasegateProcess casegate;

    @BeforeAll
    static void start() throws IOException {
        branding = Files.createDirectories(Path.of("target/it-data/branding-dir-" + UUID.randomUUID()));
        Files.writeString(
                branding.resolve("messages.properties"),
                String.join(
                        "\n",
                        "app.title=Поддержка «Ромашки»",
                        "form.intro=Напишите нам, и мы ответим.",
                        "consent.operator=ООО «Ромашка»",
                        "support.hours=по Екатеринбургу с 8:00 до 20:00",
                        ""),
                StandardCharsets.UTF_8);
        Files.writeString(
                branding.resolve("messages_en.properties"),
                String.join(
                        "\n",
                        "app.title=Romashka support",
                        "consent.operator=Romashka LLC",
                        "support.hours=8:00 to 20:00 Yekaterinburg time",
                        ""),
                StandardCharsets.UTF_8);
        Files.writeString(branding.resolve("branding.css"), ":root { --accent: #0057b8; --accent-hover: #00408a; }\n");
        Files.writeString(
                branding.resolve("logo.svg"),
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\">"
                        + "<rect width=\"120\" height=\"40\" fill=\"#0057b8\"/></svg>");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("casegate.data.dir", "target/it-data/branding-" + UUID.randomUUID());
        settings.put("casegate.sandbox.enabled", "true");
        settings.put("casegate.branding.dir", branding.toAbsolutePath().toString());
        settings.put("casegate.form.file-required", "false");
        settings.put("casegate.form.case-number-wait", "5s");
        settings.put("casegate.delivery.poll-interval", "1s");
        settings.put("casegate.limits.form.max", "0");
        settings.put("casegate.api.keys", API_KEY);
        casegate = CasegateProcess.start("branding", "casegate", settings, "index.xhtml");
    }

    @AfterAll
    static void stop() {
        if (casegate != null) {
            casegate.close();
        }
    }

    @Test
    void theRussianPageShowsTheOperatorsTextsColourAndLogo() throws IOException {
        try (Browser browser = Browser.russian()) {
            FeedbackPage page =
                    new FeedbackPage(browser.driver(), new URL(casegate.url("").toString())).open();
            browser.screenshot("branding-01-form");
            assertEquals(
                    "Поддержка «Ромашки»",
                    browser.driver().findElement(By.tagName("h1")).getText());
            assertEquals("Поддержка «Ромашки»", browser.driver().getTitle());
            assertEquals(
                    "Напишите нам, и мы ответим.",
                    browser.driver().findElement(By.className("intro")).getText());
            // A text the operator did not give stays Casegate's.
            assertEquals("Отправить", page.sendButton().getDomProperty("value"));
            assertEquals(BLUE, page.sendButton().getCssValue("background-color"));
            WebElement logo = browser.driver().findElement(By.id("brand-logo"));
            assertEquals("ООО «Ромашка»", logo.getDomAttribute("alt"));
            assertEquals(
                    120L,
                    ((Number) browser.driver().executeScript("return arguments[0].naturalWidth", logo)).longValue());

            browser.driver().get(casegate.url("consent.xhtml").toString());
            String consent = browser.driver().findElement(By.id("consent-text")).getText();
            assertTrue(consent.contains("оператору ООО «Ромашка»"), consent);
            assertFalse(consent.contains("АТОЛ"), consent);
        }
    }

    @Test
    void theEnglishPageShowsTheOperatorsEnglishTexts() throws IOException {
        try (Browser browser = Browser.english()) {
            FeedbackPage page =
                    new FeedbackPage(browser.driver(), new URL(casegate.url("").toString())).open();
            assertEquals(
                    "Romashka support",
                    browser.driver().findElement(By.tagName("h1")).getText());
            assertEquals("Send", page.sendButton().getDomProperty("value"));
            assertEquals(BLUE, page.sendButton().getCssValue("background-color"));
            browser.driver().get(casegate.url("consent.xhtml").toString());
            String consent = browser.driver().findElement(By.id("consent-text")).getText();
            assertTrue(consent.contains("operator Romashka LLC"), consent);
            assertFalse(consent.contains("ATOL"), consent);
        }
    }

    @Test
    void withFilesNotRequiredTheFormSendsWithoutAFileAndPromisesTheOperatorsHours() throws IOException {
        String tag = "Без файла " + UUID.randomUUID();
        try (Browser browser = Browser.russian()) {
            FeedbackPage page =
                    new FeedbackPage(browser.driver(), new URL(casegate.url("").toString())).open();
            WebElement label = browser.driver().findElement(By.cssSelector("label[for='feedback:files']"));
            assertTrue(label.findElements(By.className("required-mark")).isEmpty(), "the file is marked required");
            assertEquals("false", page.field("files").getDomAttribute("aria-required"));
            page.fillValidFields(tag);
            page.send();
            page.awaitSuccessDialog(Duration.ofSeconds(60));
            browser.screenshot("branding-02-sent-without-file");
            assertTrue(
                    page.successMessage()
                            .endsWith("Мы свяжемся с вами в рабочее время по Екатеринбургу с 8:00 до 20:00"),
                    page.successMessage());
        }
        assertEquals(1, awaitCases(tag).size());
    }

    @Test
    void withFilesNotRequiredTheApiAcceptsASubmissionWithoutFiles() {
        String tag = "API без файла " + UUID.randomUUID();
        ApiClient api = new ApiClient(casegate.url("api/"), API_KEY);
        ApiClient.Answer answer = api.submit(
                ApiClient.validFields(tag, "branding-" + UUID.randomUUID() + "@example.ru", "ООО Ромашка"),
                Map.of(),
                null,
                "ru");
        assertEquals(202, answer.status(), answer.body());
        assertEquals(1, awaitCases(tag).size());
    }

    @Test
    void onlyTheStylesheetLogoAndFontsOfTheDirectoryAreServed() throws Exception {
        Files.writeString(branding.resolve(".secret.css"), "hidden");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> css = get(http, "branding/branding.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertEquals(
                "image/svg+xml",
                get(http, "branding/logo.svg")
                        .headers()
                        .firstValue("Content-Type")
                        .orElse(""));
        for (String path : List.of(
                "branding/messages.properties",
                "branding/.secret.css",
                "branding/%2e%2e/%2e%2e/pom.xml",
                "branding/..%2f..%2fpom.xml",
                "branding/%2e%2e%2fbranding.css",
                "branding/",
                "branding/nothing.css")) {
            HttpResponse<String> answer = get(http, path);
            assertEquals(404, answer.statusCode(), path + ": " + answer.body());
        }
        // A raw request line, as an attacker would send it without a client's normalisation.
        for (String target : List.of("/casegate/branding/../../pom.xml", "/casegate/branding/..%5c..%5cpom.xml")) {
            String status = rawStatusLine(target);
            assertFalse(status.contains(" 200 "), target + ": " + status);
        }
    }

    private static HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(casegate.url("").resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String rawStatusLine(String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", casegate.url("").getPort())) {
            socket.getOutputStream()
                    .write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            byte[] head = socket.getInputStream().readNBytes(64);
            return new String(head, StandardCharsets.ISO_8859_1)
                    .lines()
                    .findFirst()
                    .orElse("");
        }
    }

    private static List<JsonObject> awaitCases(String tag) {
        CrmInspector crm = new CrmInspector(casegate.url("sandbox/"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<JsonObject> cases = crm.rows("Case", "Id,Number,Subject", "contains(Subject,'" + tag + "')");
            if (!cases.isEmpty() || System.nanoTime() > deadline) {
                return cases;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
