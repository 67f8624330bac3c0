package io.casegate.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.casegate.testing.ApiClient;
import io.casegate.testing.Browser;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.CrmInspector;
import io.casegate.testing.SampleFiles;

/**
 * Issue 14, the optional CAPTCHA, against a local stand-in of Yandex SmartCaptcha (a JDK HTTP server
 * on 127.0.0.1 serving a widget script that fills {@code smart-token}, and {@code /validate}
 * answering as the service does): a form without a token, with a refused token and while the
 * service is down is not accepted, each with a message in the visitor's language and the input
 * kept; a solved one is, once. The widget's origin is allowed by the Content-Security-Policy. The
 * REST API is not asked for a CAPTCHA.
 */
class CaptchaIT {

    static final String SITE_KEY = "ysc1_it-site-key";
    static final String SERVER_KEY = "ysc2_it-server-key-" + UUID.randomUUID();
    static final String API_KEY = "captcha-it";

    /** The verification requests the stand-in received, as form fields. */
    static final List<Map<String, String>> VERIFICATIONS = new CopyOnWriteArrayList<>();

    static volatile boolean down;
    static HttpServer yandex;
    static CasegateProcess casegate;

    /** Like Yandex's captcha.js: fills the container, puts the token into a hidden smart-token input. */
    static final String WIDGET = """
            (function () {
              var counter = 0;
              function render(container) {
                var token = document.createElement('input');
                token.type = 'hidden';
                token.name = 'smart-token';
                var button = document.createElement('button');
                button.type = 'button';
                button.id = 'standin-solve';
                button.textContent = 'I am not a robot (' + container.dataset.sitekey + ', ' + container.dataset.hl + ')';
                button.addEventListener('click', function () { token.value = 'good-' + (++counter); });
                container.appendChild(button);
                container.appendChild(token);
              }
              window.smartCaptcha = {
                reset: function () {
                  Array.prototype.forEach.call(document.querySelectorAll('input[name="smart-token"]'),
                    function (input) { input.value = ''; });
                }
              };
              Array.prototype.forEach.call(document.querySelectorAll('.smart-captcha'), render);
            }());
            """;

    @BeforeAll
    static void start() throws IOException {
        yandex = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        yandex.createContext("/captcha.js", exchange -> answer(exchange, 200, "text/javascript", WIDGET));
        yandex.createContext("/validate", CaptchaIT::validate);
        yandex.start();
        String standIn = "http://127.0.0.1:" + yandex.getAddress().getPort();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("casegate.data.dir", "target/it-data/captcha-" + UUID.randomUUID());
        settings.put("casegate.sandbox.enabled", "true");
        settings.put("casegate.form.case-number-wait", "5s");
        settings.put("casegate.delivery.poll-interval", "1s");
        settings.put("casegate.limits.form.max", "0");
        settings.put("casegate.api.keys", API_KEY);
        settings.put("casegate.captcha.enabled", "true");
        settings.put("casegate.captcha.site-key", SITE_KEY);
        settings.put("casegate.captcha.server-key", SERVER_KEY);
        settings.put("casegate.captcha.verify-url", standIn + "/validate");
        settings.put("casegate.captcha.script-url", standIn + "/captcha.js");
        settings.put("casegate.captcha.timeout", "3s");
        casegate = CasegateProcess.start("captcha", "casegate", settings, "index.xhtml");
    }

    @AfterAll
    static void stop() {
        if (casegate != null) {
            casegate.close();
        }
        if (yandex != null) {
            yandex.stop(0);
        }
    }

    /** As Yandex answers: {"status":"ok"} for a good token, "failed" with a message otherwise; 503 while down. */
    static void validate(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = Arrays.stream(body.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> URLDecoder.decode(pair.length > 1 ? pair[1] : "", StandardCharsets.UTF_8)));
        form.put("method", exchange.getRequestMethod());
        VERIFICATIONS.add(form);
        if (down) {
            answer(exchange, 503, "text/plain", "Service Unavailable");
        } else if (!SERVER_KEY.equals(form.get("secret"))) {
            answer(exchange, 200, "application/json", "{\"status\":\"failed\",\"message\":\"Authentication failed.\"}");
        } else if (form.getOrDefault("token", "").startsWith("good-")) {
            answer(exchange, 200, "application/json", "{\"status\":\"ok\",\"message\":\"\",\"host\":\"127.0.0.1\"}");
        } else {
            answer(
                    exchange,
                    200,
                    "application/json",
                    "{\"status\":\"failed\",\"message\":\"Token invalid or expired.\"}");
        }
    }

    static void answer(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void theFormIsAcceptedOnlyWithAVerifiedTokenAndTheServiceBeingDownLosesNothingInSilence() throws IOException {
        String tag = "Капча " + UUID.randomUUID();
        try (Browser browser = Browser.russian()) {
            FeedbackPage page =
                    new FeedbackPage(browser.driver(), new URL(casegate.url("").toString())).open();
            page.waitUpTo(Duration.ofSeconds(30))
                    .until(driver ->
                            !driver.findElements(By.id("standin-solve")).isEmpty());
            assertEquals(
                    "I am not a robot (" + SITE_KEY + ", ru)",
                    browser.driver().findElement(By.id("standin-solve")).getText());
            page.fillValidFields(tag).attach(SampleFiles.pdf("captcha.pdf"));

            // Not solved: no token.
            page.send();
            assertSummary(page, "Подтвердите, что вы не робот: пройдите проверку над кнопкой «Отправить».");
            browser.screenshot("captcha-01-missing");

            // A token the service refuses.
            browser.driver().executeScript("document.querySelector('input[name=\"smart-token\"]').value = 'forged'");
            page.send();
            assertSummary(
                    page, "Проверка «Я не робот» не пройдена или устарела. Пройдите её ещё раз и отправьте заявку.");

            // The service is down: not accepted, said so, the input kept.
            down = true;
            try {
                solve(browser);
                page.send();
                assertSummary(
                        page,
                        "Заявка не отправлена: сервис проверки «Я не робот» сейчас не отвечает. Введённые данные"
                                + " остались в форме, попробуйте отправить её ещё раз через минуту.");
                browser.screenshot("captcha-02-service-down");
            } finally {
                down = false;
            }
            assertEquals(tag, page.value("subject"));
            assertEquals(List.of(), cases(tag), "a case without a verified CAPTCHA");

            // Solved again (the widget was reset after the refusal), now the service answers.
            assertEquals(
                    "",
                    browser.driver()
                            .findElement(By.cssSelector("input[name='smart-token']"))
                            .getDomProperty("value"),
                    "the used token was not reset");
            int before = VERIFICATIONS.size();
            solve(browser);
            page.send();
            page.awaitSuccessDialog(Duration.ofSeconds(60));
            browser.screenshot("captcha-03-sent");

            Map<String, String> verification = VERIFICATIONS.get(before);
            assertEquals("POST", verification.get("method"));
            assertEquals(SERVER_KEY, verification.get("secret"));
            assertTrue(verification.get("token").startsWith("good-"), verification.toString());
            assertEquals("127.0.0.1", verification.get("ip"));

            List<String> violations = browser.driver().manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::getMessage)
                    .filter(message -> message.contains("Content Security Policy"))
                    .toList();
            assertEquals(List.of(), violations);
        }
        assertEquals(1, awaitCases(tag).size());
    }

    @Test
    void theEnglishVisitorReadsTheMessageInEnglish() throws IOException {
        try (Browser browser = Browser.english()) {
            FeedbackPage page =
                    new FeedbackPage(browser.driver(), new URL(casegate.url("").toString())).open();
            page.waitUpTo(Duration.ofSeconds(30))
                    .until(driver ->
                            !driver.findElements(By.id("standin-solve")).isEmpty());
            page.fillValidFields("Captcha " + UUID.randomUUID()).attach(SampleFiles.pdf("captcha.pdf"));
            page.send();
            assertSummary(page, "Confirm that you are not a robot: complete the check above the Send button.");
        }
    }

    @Test
    void theApiIsNotAskedForACaptcha() {
        String tag = "Капча API " + UUID.randomUUID();
        ApiClient.Answer answer = new ApiClient(casegate.url("api/"), API_KEY)
                .submit(ApiClient.validFields(tag, "captcha-" + UUID.randomUUID() + "@example.ru", "ООО Ромашка"));
        assertEquals(202, answer.status(), answer.body());
        assertEquals(1, awaitCases(tag).size());
    }

    private static void solve(Browser browser) {
        browser.driver().findElement(By.id("standin-solve")).click();
    }

    private static void assertSummary(FeedbackPage page, String message) {
        String text = page.waitUpTo(Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver -> {
                    List<org.openqa.selenium.WebElement> summary = driver.findElements(By.id("error-summary"));
                    String shown = summary.isEmpty() ? "" : summary.get(0).getText();
                    return shown.contains(message) ? shown : null;
                });
        assertTrue(text.contains(message), text);
    }

    private static List<JsonObject> cases(String tag) {
        return new CrmInspector(casegate.url("sandbox/"))
                .rows("Case", "Id,Number,Subject", "contains(Subject,'" + tag + "')");
    }

    private static List<JsonObject> awaitCases(String tag) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<JsonObject> cases = cases(tag);
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
