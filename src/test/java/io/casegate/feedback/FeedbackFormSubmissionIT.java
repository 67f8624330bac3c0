package io.casegate.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.FluentWait;

import io.casegate.testing.Browser;
import io.casegate.testing.Deployments;
import io.casegate.testing.SampleFiles;
import io.casegate.testing.SandboxCrm;

/**
 * Sending the form in a real browser, all the way into the built-in sandbox CRM: the sending
 * state, the success dialog with the CRM's case number, «Хорошо», the case and its files in the
 * CRM, one case for a double click or a repeated request, and the same without JavaScript.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FeedbackFormSubmissionIT {

    private static final Pattern SUCCESS = Pattern.compile(
            "Ваша заявка № (\\S+) отправлена\\. Мы свяжемся с вами в рабочее время по мск с 9:00 до 18:00");
    /** The brief's wording without a number, while the CRM has not yet given the case number. */
    private static final String PENDING =
            "Ваша заявка отправлена. Мы свяжемся с вами в рабочее время по мск с 9:00 до 18:00";

    private static final Pattern REFERENCE = Pattern.compile("WEB-\\d{4}-\\d{6,}");
    private static final String CASE_NUMBER = "SR\\d{8}";
    private static final Duration DIALOG_WAIT = Duration.ofSeconds(60);
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(90);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.casegate();
    }

    @ArquillianResource
    URL base;

    private Browser browser;
    private SandboxCrm crm;

    /** A case in the sandbox CRM, as a support agent's tool reads it. */
    record CrmCase(String id, String number, String description) {

        /**
         * Whether the number a visitor was shown names this case: its CRM number or, when the CRM
         * was slower than the form's wait, Casegate's reference, which the description carries.
         */
        boolean isNamedBy(String shown) {
            return shown.equals(number) || (shown.matches("WEB-\\d{4}-\\d{6}") && description.contains(shown));
        }
    }

    @BeforeEach
    void connectToTheSandbox() {
        crm = new SandboxCrm(URI.create(base.toString().replaceAll("/+$", "") + "/sandbox"));
        crm.resetFaults();
    }

    @AfterEach
    void cleanUp() {
        crm.resetFaults();
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aSentRequestBecomesACaseWithItsFilesAndOkGivesAnEmptyForm() {
        browser = Browser.russian();
        FeedbackPage page = new FeedbackPage(browser.driver(), base).open();
        String subject =
                "Касса не печатает чек · " + UUID.randomUUID().toString().substring(0, 8);
        Path receipt = SampleFiles.pdf("чек.pdf");
        Path log = SampleFiles.text("kkt.log", "12:00 ошибка ФН\n");
        page.fillValidFields(subject).attach(receipt, log);
        browser.fullPageScreenshot("submission-01-filled-form");

        page.send();
        String message = page.awaitSuccessDialog(DIALOG_WAIT).isDisplayed() ? page.successMessage() : "";
        browser.driver().executeScript("window.scrollTo(0, 0)");
        browser.screenshot("submission-02-success-dialog");
        assertFalse(page.sendButton().isEnabled(), "the sent form can be sent again");

        String number = numberIn(message, page.successFollowUp());
        assertTrue(number.matches(CASE_NUMBER), "not a CRM case number: " + message);
        assertEquals(
                "", page.successFollowUp(), "a follow-up by e-mail was promised although the case number is known");
        assertEquals("sent-ok", page.focusedElementId(), "focus is not in the dialog");
        assertEquals("Хорошо", page.okButton().getText());

        page.pressOk();
        browser.screenshot("submission-03-after-ok");
        assertFalse(page.dialogIsShown());
        assertEquals("", page.value("name"));
        assertEquals("", page.value("subject"));
        assertEquals("", page.value("description"));
        assertFalse(page.field("consent").isSelected());
        assertEquals(0, page.chosenFileCount());

        CrmCase crmCase = awaitCase(subject);
        assertEquals(number, crmCase.number());
        awaitFiles(crmCase, List.of("kkt.log", "чек.pdf"));
    }

    @Test
    void whileSendingTheButtonIsDisabledAndShowsASpinnerAndEscapeClosesTheResult() {
        crm.faults("{\"latencyMs\":3000}");
        browser = Browser.russian();
        FeedbackPage page = new FeedbackPage(browser.driver(), base).open();
        String subject = "Медленная CRM " + UUID.randomUUID();
        // The form answers as soon as the submission is stored (no wait for the CRM, issue 14), so
        // the sending state lasts as long as the upload: about three seconds on a slow line.
        page.fillValidFields(subject).attach(SampleFiles.write("slow.pdf", SampleFiles.randomBytes(600 * 1024, 7)));
        browser.throttleUpload(200_000);

        page.send();
        WebElement button = page.awaitSendingState();
        browser.screenshot("submission-04-sending");
        assertFalse(button.isEnabled());
        assertEquals("Отправка…", button.getDomProperty("value"));
        assertTrue(page.spinnerIsShown(), "no spinner while sending");

        page.awaitSuccessDialog(DIALOG_WAIT);
        browser.screenshot("submission-05-slow-crm-result");
        String number = numberIn(page);
        // The CRM may be too slow for the configured wait: then Casegate's reference is shown with
        // a link to the status page, and no e-mail is promised, none being configured here.
        if (number.matches(CASE_NUMBER)) {
            assertEquals("", page.successFollowUp());
        } else {
            assertTrue(REFERENCE.matcher(number).matches(), number);
            assertFalse(page.successFollowUp().contains("ivanov@example.ru"), page.successFollowUp());
            assertEquals(1, page.statusLinks().size(), page.successFollowUp());
        }
        page.pressEscape();
        assertFalse(page.dialogIsShown());
        assertEquals("", page.value("subject"), "Escape did not give an empty form");

        awaitCase(subject);
        assertEquals(1, casesWithSubject(subject).size());
    }

    @Test
    void aDoubleClickOrARepeatedRequestGivesOneCase() throws Exception {
        browser = Browser.russian();
        FeedbackPage page = new FeedbackPage(browser.driver(), base).open();
        String doubleClicked = "Двойной щелчок " + UUID.randomUUID();
        page.fillValidFields(doubleClicked).attach(SampleFiles.pdf("double.pdf"));

        new Actions(browser.driver()).doubleClick(page.sendButton()).perform();
        page.awaitSuccessDialog(DIALOG_WAIT);
        browser.screenshot("submission-06-double-click");
        String number = numberIn(page);

        // A browser that repeats a request sends the same rendered form twice, here at the same moment.
        page.open();
        String repeated = "Повторный запрос " + UUID.randomUUID();
        page.fillValidFields(repeated).attach(SampleFiles.pdf("repeated.pdf"));
        @SuppressWarnings("unchecked")
        List<String> answers = (List<String>) browser.driver()
                .executeAsyncScript("var done = arguments[arguments.length - 1];"
                        + "var form = document.getElementById('feedback');"
                        + "function post() { var data = new FormData(form); data.append('feedback:send', 'x');"
                        + "  return fetch(form.action, {method: 'POST', body: data}).then(function (r) { return r.text(); }); }"
                        + "Promise.all([post(), post()]).then(done, function (e) { done(['failed: ' + e]); });");
        String first = numberIn(textOf("sent-message", answers.get(0)), textOf("sent-followup", answers.get(0)));
        String second = numberIn(textOf("sent-message", answers.get(1)), textOf("sent-followup", answers.get(1)));

        // One answer may already carry the case number while the other still shows the reference
        // of the same submission: both must name the one case.
        CrmCase repeatedCase = awaitCase(repeated);
        assertTrue(repeatedCase.isNamedBy(first), first + " does not name " + repeatedCase);
        assertTrue(
                repeatedCase.isNamedBy(second),
                "the repeated request got a different submission: " + second + " does not name " + repeatedCase);
        // The later submission is in the CRM, so a duplicate of the earlier one would be too.
        assertEquals(1, casesWithSubject(doubleClicked).size(), "a double click made two cases");
        CrmCase doubleClickedCase = casesWithSubject(doubleClicked).get(0);
        assertTrue(doubleClickedCase.isNamedBy(number), number + " does not name " + doubleClickedCase);
        assertEquals(1, casesWithSubject(repeated).size(), "a repeated request made two cases");
    }

    @Test
    void withoutJavaScriptThePlainPostShowsTheResultAndOkGivesAnEmptyForm() {
        browser = Browser.russianWithoutJavaScript();
        FeedbackPage page = new FeedbackPage(browser.driver(), base).open();
        String subject = "Без JavaScript " + UUID.randomUUID();
        page.fillValidFields(subject).attach(SampleFiles.text("nojs.txt", "без скриптов"));

        page.send();
        page.awaitSuccessDialog(DIALOG_WAIT);
        browser.screenshot("submission-07-no-javascript-result");
        String number = numberIn(page);
        assertTrue(number.matches(CASE_NUMBER), number);

        page.pressOk();
        browser.screenshot("submission-08-no-javascript-after-ok");
        assertFalse(page.dialogIsShown());
        assertEquals("", page.value("subject"));

        CrmCase crmCase = awaitCase(subject);
        assertEquals(number, crmCase.number());
        awaitFiles(crmCase, List.of("nojs.txt"));
    }

    @Test
    void whenTheServerCannotBeReachedTheInputStaysAndTheNextClickSendsIt() {
        browser = Browser.russian();
        FeedbackPage page = new FeedbackPage(browser.driver(), base).open();
        String subject = "Нет связи " + UUID.randomUUID();
        page.fillValidFields(subject).attach(SampleFiles.pdf("offline.pdf"));
        network(false);

        page.send();
        String summary = page.awaitErrorSummary().getText();
        browser.screenshot("submission-09-offline");
        assertTrue(summary.startsWith("Не удалось отправить заявку: нет связи с сервером."), summary);
        assertEquals("error-summary", page.focusedElementId());
        assertEquals(subject, page.value("subject"));
        assertEquals(1, page.chosenFileCount());
        assertTrue(page.sendButton().isEnabled(), "the visitor cannot try again");
        assertEquals("Отправить", page.sendButton().getDomProperty("value"));

        network(true);
        page.send();
        page.awaitSuccessDialog(DIALOG_WAIT);
        browser.screenshot("submission-10-sent-after-offline");
        String number = numberIn(page);
        assertEquals(number, awaitCase(subject).number());
        assertEquals(1, casesWithSubject(subject).size());
    }

    private void network(boolean online) {
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver()
                .executeCdpCommand(
                        "Network.emulateNetworkConditions",
                        Map.of("offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** The number the dialog names: the case number in its message or, while that is pending, the reference after it. */
    private static String numberIn(String message, String followUp) {
        Matcher matcher = SUCCESS.matcher(message.strip());
        if (matcher.matches()) {
            return matcher.group(1);
        }
        assertEquals(PENDING, message.strip(), "not the success message");
        Matcher reference = REFERENCE.matcher(followUp);
        assertTrue(reference.find(), "no reference while the case number is pending: " + followUp);
        return reference.group();
    }

    private static String numberIn(FeedbackPage page) {
        return numberIn(page.successMessage(), page.successFollowUp());
    }

    /** The text of a paragraph of the dialog in a page's HTML, tags removed. */
    private static String textOf(String id, String html) {
        Matcher paragraph =
                Pattern.compile("(?s)<p id=\"" + id + "\"[^>]*>(.*?)</p>").matcher(html);
        assertTrue(paragraph.find(), "no " + id + " in the answer: " + html);
        return paragraph
                .group(1)
                .replaceAll("(?s)<[^>]*>", " ")
                .replaceAll("\\s+", " ")
                .strip();
    }

    private List<CrmCase> casesWithSubject(String subject) {
        return crm.list("Case", "Subject eq '" + subject.replace("'", "''") + "'").stream()
                .map(record -> new CrmCase(
                        record.getString("Id"), record.getString("Number"), record.getString("Symptoms", "")))
                .toList();
    }

    private List<String> fileNamesOf(CrmCase crmCase) {
        return crm.list("CaseFile", "Case/Id eq " + crmCase.id()).stream()
                .map(record -> record.getString("Name"))
                .sorted()
                .toList();
    }

    private CrmCase awaitCase(String subject) {
        return new FluentWait<>(crm)
                .withTimeout(DELIVERY_WAIT)
                .pollingEvery(Duration.ofMillis(500))
                .withMessage(() -> "no case with the subject " + subject + " in the sandbox CRM")
                .until(sandbox -> casesWithSubject(subject).stream().findFirst().orElse(null));
    }

    private void awaitFiles(CrmCase crmCase, List<String> names) {
        new FluentWait<>(crm)
                .withTimeout(DELIVERY_WAIT)
                .pollingEvery(Duration.ofMillis(500))
                .withMessage(() -> "the case " + crmCase.number() + " does not have the files " + names)
                .until(sandbox -> fileNamesOf(crmCase).equals(names));
    }
}
