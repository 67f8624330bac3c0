package io.casegate.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.CookieManager;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.FluentWait;

import io.casegate.testing.ApiClient;
import io.casegate.testing.Browser;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.PlainBrowser.Page;
import io.casegate.testing.SampleFiles;
import io.casegate.testing.SandboxCrm;

/**
 * The form's widgets in headless Chromium against Casegate in a process of its own: the file
 * chooser (list with sizes, remove, drag and drop, upload progress), the language switch, the copy
 * button, and the case number that comes to the dialog without a request thread waiting for it
 * (issue 14), with JavaScript and without.
 */
class FormWidgetsIT {

    private static final Pattern SUCCESS = Pattern.compile(
            "Ваша заявка № (SR\\d{8}) отправлена\\. Мы свяжемся с вами в рабочее время по мск с 9:00 до 18:00");
    private static final Pattern REFERENCE = Pattern.compile("WEB-\\d{4}-\\d{6,}");
    private static final Pattern REFRESH =
            Pattern.compile("<noscript><meta http-equiv=\"refresh\" content=\"2;url=([^\"]+)\"");
    private static final Pattern FIRST_SERVICE = Pattern.compile("<option value=\"([^\"]+)\"");
    private static final Duration DIALOG_WAIT = Duration.ofSeconds(90);

    private static CasegateProcess casegate;
    private static SandboxCrm crm;
    private Browser browser;

    @BeforeAll
    static void start() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("casegate.data.dir", "target/it-data/form-widgets-" + UUID.randomUUID());
        settings.put("casegate.sandbox.enabled", "true");
        settings.put("casegate.form.case-number-wait", "60s");
        settings.put("casegate.delivery.poll-interval", "PT1S");
        // Many submissions from 127.0.0.1 in a few minutes: the form's limit is not under test here.
        settings.put("casegate.limits.form.max", "0");
        casegate = CasegateProcess.start("form-widgets", "casegate", settings, "index.xhtml");
        crm = new SandboxCrm(URI.create(casegate.url("sandbox").toString().replaceAll("/+$", "")));
    }

    @AfterAll
    static void stop() {
        if (casegate != null) {
            casegate.close();
        }
    }

    @BeforeEach
    void noFaults() {
        crm.resetFaults();
    }

    @AfterEach
    void closeBrowser() {
        crm.resetFaults();
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theChosenFilesAreListedWithSizesCanBeRemovedOrDroppedAndTheCrmGetsExactlyTheListedOnes() {
        browser = Browser.russian();
        FeedbackPage page = openForm();
        assertEquals(
                "Выбрать файлы",
                browser.driver().findElement(By.id("files-choose")).getText());
        assertEquals(
                "или перетащите их сюда",
                browser.driver()
                        .findElement(By.cssSelector("#files-drop .drop-hint"))
                        .getText());

        String subject = "Файлы " + UUID.randomUUID();
        page.fillValidFields(subject)
                .attach(
                        SampleFiles.write("акт.pdf", SampleFiles.randomBytes(3 * 1024, 1)),
                        SampleFiles.text("лишний.txt", "не тот файл"),
                        SampleFiles.write("схема.pdf", SampleFiles.randomBytes(1536 * 1024, 2)));
        assertEquals(List.of("акт.pdf · 3 кБ", "лишний.txt · 20 Б", "схема.pdf · 1,5 МБ"), listedFiles());
        assertEquals("Выбрано файлов: 3 из 10, 1,5 МБ из 50 МБ", summary());
        browser.screenshot("widgets-01-files-listed");

        WebElement remove = browser.driver()
                .findElements(By.cssSelector("#files-list .file-remove"))
                .get(1);
        assertEquals("Удалить файл «лишний.txt»", remove.getDomAttribute("aria-label"));
        remove.click();
        assertEquals(List.of("акт.pdf · 3 кБ", "схема.pdf · 1,5 МБ"), listedFiles());
        assertEquals(2, page.chosenFileCount(), "the input still holds the removed file");

        browser.driver()
                .executeScript(
                        "var zone = document.getElementById('files-drop');"
                                + "var transfer = new DataTransfer();"
                                + "transfer.items.add(new File(['перетащено'], 'перетащен.txt', {type: 'text/plain'}));"
                                + "['dragenter', 'dragover'].forEach(function (type) {"
                                + "  zone.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true, cancelable: true})); });"
                                + "window.dragOverShown = zone.classList.contains('drag-over');"
                                + "zone.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));");
        assertEquals(
                true, browser.driver().executeScript("return window.dragOverShown"), "the zone does not show the drag");
        assertFalse(browser.driver()
                .findElement(By.id("files-drop"))
                .getDomAttribute("class")
                .contains("drag-over"));
        assertEquals(List.of("акт.pdf · 3 кБ", "схема.pdf · 1,5 МБ", "перетащен.txt · 20 Б"), listedFiles());
        assertEquals(3, page.chosenFileCount());
        browser.screenshot("widgets-02-removed-and-dropped");

        page.send();
        String number = caseNumberIn(page.awaitSuccessDialog(DIALOG_WAIT));
        JsonObject crmCase = awaitCase(subject);
        assertEquals(number, crmCase.getString("Number"));
        awaitFiles(crmCase.getString("Id"), List.of("акт.pdf", "перетащен.txt", "схема.pdf"));
    }

    @Test
    void aProgressBarShowsTheUploadUpToTheEnd() {
        browser = Browser.russian();
        FeedbackPage page = openForm();
        Path large = SampleFiles.write("большой.pdf", SampleFiles.randomBytes(9 * 1024 * 1024, 3));
        page.fillValidFields("Прогресс " + UUID.randomUUID()).attach(large);
        assertTrue(browser.driver().findElement(By.id("upload-progress")).getDomAttribute("hidden") != null);
        browser.driver()
                .executeScript("window.progressSeen = [];"
                        + "var bar = document.getElementById('upload-progress-bar');"
                        + "var box = document.getElementById('upload-progress');"
                        + "var note = function () { window.progressSeen.push({value: bar.value, shown: !box.hidden,"
                        + "  text: document.getElementById('upload-progress-text').textContent}); };"
                        + "new MutationObserver(note).observe(bar, {attributes: true});"
                        + "new MutationObserver(note).observe(box, {attributes: true});");
        // About three seconds for the file, so that the bar has something to show.
        browser.throttleUpload(3_000_000);
        page.send();
        new FluentWait<>(browser.driver())
                .withTimeout(Duration.ofSeconds(30))
                .until(driver ->
                        browser.driver().findElement(By.id("upload-progress")).isDisplayed());
        browser.screenshot("widgets-03-upload-progress");
        page.awaitSuccessDialog(DIALOG_WAIT);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> seen =
                (List<Map<String, Object>>) browser.driver().executeScript("return window.progressSeen");
        List<Double> values = seen.stream()
                .filter(entry -> Boolean.TRUE.equals(entry.get("shown")))
                .map(entry -> ((Number) entry.get("value")).doubleValue())
                .toList();
        assertTrue(values.stream().anyMatch(value -> value > 0 && value < 100), "no step between 0 and 100: " + seen);
        assertEquals(100.0, values.get(values.size() - 1), "the bar did not end at 100 %: " + seen);
        for (int i = 1; i < values.size(); i++) {
            assertTrue(values.get(i) >= values.get(i - 1), "the bar went back: " + seen);
        }
        assertTrue(
                seen.stream().anyMatch(entry -> "Загрузка файлов: 100 %".equals(entry.get("text"))), seen.toString());
        assertFalse(
                browser.driver().findElement(By.id("upload-progress")).isDisplayed(), "the bar stays after the upload");
    }

    @Test
    void theVisitorSwitchesToEnglishForTheSessionAndWhatWasTypedStays() {
        browser = Browser.russian();
        FeedbackPage page = openForm();
        assertEquals("ru", browser.driver().findElement(By.tagName("html")).getDomAttribute("lang"));
        page.type("name", "Ivan Petrov").type("subject", "Printer");
        browser.driver().findElement(By.id("language-en")).click();
        page.waitUpTo(Duration.ofSeconds(30))
                .until(driver ->
                        "en".equals(driver.findElement(By.tagName("html")).getDomAttribute("lang")));
        browser.screenshot("widgets-04-english");
        assertEquals("Full name", labelOf("name"));
        assertEquals(
                "Choose files",
                browser.driver().findElement(By.id("files-choose")).getText());
        assertEquals("true", browser.driver().findElement(By.id("language-en")).getDomAttribute("aria-current"));
        assertEquals("Ivan Petrov", page.value("name"), "the switch lost what was typed");
        assertEquals("Printer", page.value("subject"));

        // The choice holds for the session, whatever the browser prefers.
        page.open();
        assertEquals("en", browser.driver().findElement(By.tagName("html")).getDomAttribute("lang"));
        assertEquals("", page.value("name"), "an old input came back on a fresh page");
        page.send();
        page.awaitErrorSummary();
        assertEquals("Attach a file", page.errorOf("files"));

        page.fillValidFields("English " + UUID.randomUUID()).attach(SampleFiles.pdf("en.pdf"));
        page.send();
        page.awaitSuccessDialog(DIALOG_WAIT);
        assertEquals(
                "Request sent",
                browser.driver().findElement(By.id("sent-title")).getText());
        assertTrue(
                page.successMessage().matches("Your request No\\. SR\\d{8} has been sent\\..*"), page.successMessage());
        assertEquals(
                "Copy the number",
                browser.driver().findElement(By.id("sent-copy")).getText());

        page.pressOk();
        browser.driver().findElement(By.id("language-ru")).click();
        page.waitUpTo(Duration.ofSeconds(30))
                .until(driver ->
                        "ru".equals(driver.findElement(By.tagName("html")).getDomAttribute("lang")));
        assertEquals("ФИО", labelOf("name"));
    }

    @Test
    void theDialogCopiesTheNumberWithTheClipboardApiOrTheFallback() {
        browser = Browser.russian();
        FeedbackPage page = openForm();
        page.fillValidFields("Копия " + UUID.randomUUID()).attach(SampleFiles.pdf("copy.pdf"));
        page.send();
        String number = caseNumberIn(page.awaitSuccessDialog(DIALOG_WAIT));

        browser.driver()
                .executeScript(
                        "window.copied = [];"
                                + "navigator.clipboard.writeText = function (text) { window.copied.push(text); return Promise.resolve(); };");
        WebElement copy = browser.driver().findElement(By.id("sent-copy"));
        assertEquals("Скопировать номер", copy.getText());
        copy.click();
        page.waitUpTo(Duration.ofSeconds(5))
                .until(driver -> "Скопировано"
                        .equals(driver.findElement(By.id("sent-copy-status")).getText()));
        assertEquals(List.of(number), browser.driver().executeScript("return window.copied"));
        browser.screenshot("widgets-05-copied");

        // Without the Clipboard API: a selected text and the copy command.
        browser.driver()
                .executeScript(
                        "Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true});"
                                + "window.selectionCopied = null;"
                                + "document.addEventListener('copy', function () {"
                                + "  window.selectionCopied = String(document.activeElement.value"
                                + "    .substring(document.activeElement.selectionStart, document.activeElement.selectionEnd)); });");
        copy.click();
        page.waitUpTo(Duration.ofSeconds(5))
                .until(driver -> "Скопировано"
                        .equals(driver.findElement(By.id("sent-copy-status")).getText()));
        assertEquals(number, browser.driver().executeScript("return window.selectionCopied"));
        assertEquals("sent-copy", page.focusedElementId(), "the copy moved the focus");
    }

    /**
     * Issue 14: the form's POST answers before the case number exists, however slow the CRM is, and
     * so do many at once; the number comes later through the light JSON endpoint (only to the
     * session that sent the form) and to the page that refreshes itself without JavaScript.
     */
    @Test
    void noRequestThreadWaitsForTheCaseNumber() throws Exception {
        // Every CRM call takes 10 s, and the form's wait is 60 s: a POST that waited for the number
        // (as before issue 14) would answer after the number existed, tens of seconds later.
        crm.faults("{\"latencyMs\":10000}");
        int visitors = 16;
        List<PlainVisitor> sessions = new ArrayList<>();
        for (int i = 0; i < visitors; i++) {
            sessions.add(new PlainVisitor("Без ожидания " + i + " " + UUID.randomUUID()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(visitors);
        List<Future<Sent>> answers = new ArrayList<>();
        try {
            for (PlainVisitor visitor : sessions) {
                answers.add(pool.submit((Callable<Sent>) visitor::send));
            }
            for (Future<Sent> answer : answers) {
                Sent sent = answer.get();
                assertTrue(
                        sent.postMillis() < 9000,
                        "a POST waited " + sent.postMillis() + " ms, as long as a CRM call (10 s)");
                assertTrue(
                        sent.firstPoll().isNull("caseNumber"),
                        "the number existed before the POST answered: " + sent.firstPoll());
            }
        } finally {
            pool.shutdownNow();
        }
        PlainVisitor first = sessions.get(0);
        Sent sent = answers.get(0).get();
        assertEquals(true, sent.firstPoll().getBoolean("waiting"));
        crm.resetFaults();
        assertTrue(sent.page().contains("id=\"sent-waiting\""), "the page does not say it waits");
        assertTrue(
                sent.location().toString().contains("sent=" + sent.reference()),
                sent.location().toString());
        Page waiting = first.get(sent.location());
        assertTrue(waiting.body().contains("id=\"sent-waiting\""), "the page of the sent form does not wait");
        assertTrue(waiting.body().contains(sent.reference()), "the page of the sent form lacks the reference");
        assertFalse(
                new PlainVisitor("stranger").get(sent.location()).body().contains("id=\"sent-dialog\""),
                "another session sees the sent form");
        assertEquals(404, new PlainVisitor("stranger").poll(sent.reference()).statusCode(), "another session sees it");

        JsonObject done = new FluentWait<>(first)
                .withTimeout(Duration.ofSeconds(120))
                .pollingEvery(Duration.ofMillis(500))
                .until(visitor -> {
                    JsonObject answer = visitor.pollJson(sent.reference());
                    return answer.isNull("caseNumber") ? null : answer;
                });
        assertFalse(done.getBoolean("waiting"));
        assertEquals("delivered", done.getString("status"));
        JsonObject crmCase = awaitCase(first.subject);
        assertEquals(crmCase.getString("Number"), done.getString("caseNumber"));
        Page refreshed = first.get(sent.location());
        assertFalse(refreshed.body().contains("http-equiv=\"refresh\""), "the page refreshes after the number came");
        assertTrue(refreshed.textOf("sent-message").orElse("").contains(done.getString("caseNumber")));
    }

    @Test
    void withJavaScriptTheDialogOpensAtOnceAndShowsTheNumberWhenItComes() {
        crm.faults("{\"latencyMs\":2500}");
        browser = Browser.russian();
        FeedbackPage page = openForm();
        page.fillValidFields("Ждём номер " + UUID.randomUUID()).attach(SampleFiles.pdf("wait.pdf"));
        page.send();
        WebElement dialog = page.awaitDialogOpen(Duration.ofSeconds(30));
        assertEquals("true", dialog.getDomAttribute("aria-busy"));
        assertTrue(browser.driver().findElement(By.id("sent-waiting")).getText().startsWith("Отправляем заявку"));
        String reference = REFERENCE
                .matcher(page.successFollowUp())
                .results()
                .findFirst()
                .orElseThrow()
                .group();
        assertTrue(
                browser.driver().getCurrentUrl().contains("sent=" + reference),
                "a reload would lose the dialog: " + browser.driver().getCurrentUrl());
        browser.screenshot("widgets-06-waiting-for-the-number");

        String number = caseNumberIn(page.awaitSuccessDialog(DIALOG_WAIT));
        browser.screenshot("widgets-07-number-came");
        assertTrue(browser.driver().findElements(By.id("sent-waiting")).isEmpty());
        assertEquals("", page.successFollowUp());
        assertEquals("sent-ok", page.focusedElementId());

        // A reload shows the same dialog, with the number.
        browser.driver().navigate().refresh();
        assertEquals(number, caseNumberIn(page.awaitSuccessDialog(DIALOG_WAIT)));
    }

    @Test
    void withoutJavaScriptThePageRefreshesUntilTheNumberIsThere() {
        crm.faults("{\"latencyMs\":1500}");
        browser = Browser.russianWithoutJavaScript();
        FeedbackPage page = openForm();
        page.fillValidFields("Без скриптов " + UUID.randomUUID()).attach(SampleFiles.text("nojs.txt", "текст"));
        page.send();
        page.awaitDialogOpen(Duration.ofSeconds(30));
        browser.screenshot("widgets-08-no-javascript-waiting");
        String number = caseNumberIn(page.awaitSuccessDialog(DIALOG_WAIT));
        browser.screenshot("widgets-09-no-javascript-number");
        assertTrue(
                browser.driver().getCurrentUrl().contains("sent=WEB-"),
                browser.driver().getCurrentUrl());
        assertEquals(number, awaitCase(null, number).getString("Number"));
    }

    private FeedbackPage openForm() {
        try {
            return new FeedbackPage(browser.driver(), new URL(casegate.url("").toString())).open();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> listedFiles() {
        return browser.driver().findElements(By.cssSelector("#files-list li")).stream()
                .map(item -> item.findElement(By.className("file-name")).getText() + " · "
                        + item.findElement(By.className("file-size")).getText())
                .toList();
    }

    private String summary() {
        return browser.driver().findElement(By.id("files-summary")).getText();
    }

    private String labelOf(String field) {
        return browser.driver()
                .findElement(By.cssSelector("label[for='feedback:" + field + "']"))
                .getText()
                .replace("*", "")
                .strip();
    }

    private static String caseNumberIn(WebElement dialog) {
        String message = dialog.findElement(By.id("sent-message")).getText().strip();
        Matcher matcher = SUCCESS.matcher(message);
        assertTrue(matcher.matches(), "no case number in the dialog: " + message);
        return matcher.group(1);
    }

    private static JsonObject awaitCase(String subject) {
        return awaitCase(subject, null);
    }

    private static JsonObject awaitCase(String subject, String number) {
        String filter =
                subject != null ? "Subject eq '" + subject.replace("'", "''") + "'" : "Number eq '" + number + "'";
        return new FluentWait<>(crm)
                .withTimeout(Duration.ofSeconds(90))
                .pollingEvery(Duration.ofMillis(500))
                .until(sandbox ->
                        sandbox.list("Case", filter).stream().findFirst().orElse(null));
    }

    private static void awaitFiles(String caseId, List<String> names) {
        new FluentWait<>(crm)
                .withTimeout(Duration.ofSeconds(90))
                .pollingEvery(Duration.ofMillis(500))
                .withMessage(() -> "the case does not have exactly the files " + names)
                .until(sandbox -> sandbox.list("CaseFile", "Case/Id eq " + caseId).stream()
                        .map(record -> record.getString("Name"))
                        .sorted()
                        .toList()
                        .equals(names));
    }

    record Sent(String reference, URI location, long postMillis, JsonObject firstPoll, String page) {}

    /** A browser without JavaScript, with its own session, sending the form as one multipart POST. */
    private static final class PlainVisitor {

        final String subject;
        final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        PlainVisitor(String subject) {
            this.subject = subject;
        }

        Page get(URI uri) throws Exception {
            HttpResponse<String> answer =
                    http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Page(answer.statusCode(), uri, null, answer.body());
        }

        /** Reads the form, then posts it and times the answer (a redirect), then asks for the number once. */
        Sent send() throws Exception {
            Page form = get(casegate.url(""));
            Matcher service = FIRST_SERVICE.matcher(form.body());
            assertTrue(service.find(), "no service offered");
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("feedback", "feedback");
            fields.put("feedback:name", "Петров Пётр");
            fields.put("feedback:email", "petrov@example.ru");
            fields.put("feedback:phone", "");
            fields.put("feedback:organisation", "ООО «Ромашка»");
            fields.put("feedback:inn", "");
            fields.put("feedback:service", service.group(1));
            fields.put("feedback:subject", subject);
            fields.put("feedback:description", "Проверка без ожидания");
            fields.put("feedback:consent", "on");
            fields.put("feedback:website", "");
            fields.put("feedback:send", "send");
            fields.put("jakarta.faces.ViewState", form.viewState().orElseThrow());
            String boundary = "widgets-" + UUID.randomUUID();
            long started = System.nanoTime();
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(form.formAction("feedback").orElseThrow())
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(ApiClient.multipartWithGeneratedFile(
                                    boundary, fields, "feedback:files", "a.txt", 2048))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(200, answer.statusCode(), answer.body());
            Matcher refresh = REFRESH.matcher(answer.body());
            assertTrue(refresh.find(), "the answer does not refresh itself: " + answer.body());
            URI location = form.uri().resolve(refresh.group(1).replace("&amp;", "&"));
            Matcher reference = REFERENCE.matcher(location.toString());
            assertTrue(reference.find(), location.toString());
            JsonObject poll = pollJson(reference.group());
            return new Sent(reference.group(), location, millis, poll, answer.body());
        }

        HttpResponse<String> poll(String reference) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(casegate.url("form/case-number?reference=" + reference))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        JsonObject pollJson(String reference) {
            try {
                HttpResponse<String> answer = poll(reference);
                assertEquals(200, answer.statusCode(), answer.body());
                return Json.createReader(new StringReader(answer.body())).readObject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
