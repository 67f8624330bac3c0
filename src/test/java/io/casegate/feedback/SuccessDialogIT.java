package io.casegate.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.casegate.testing.Browser;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.CrmInspector;
import io.casegate.testing.SampleFiles;

/**
 * What the success dialog promises, in a real browser, against Casegate in a process of its own:
 * with acknowledgement e-mail configured (GreenMail on loopback) and without, and with the case
 * number known or not yet known (the sandbox CRM answering slower than the form waits).
 */
class SuccessDialogIT {

    static final String BRIEF = "Мы свяжемся с вами в рабочее время по мск с 9:00 до 18:00";
    static final Duration DIALOG_WAIT = Duration.ofSeconds(60);

    private CasegateProcess casegate;
    private GreenMail smtp;
    private Browser browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (casegate != null) {
            casegate.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void withoutMailAPendingNumberPromisesNoEmailAndLinksToTheStatusPageWithTheReference() {
        casegate = start("dialog-no-mail", Map.of());
        browser = Browser.russian();
        FeedbackPage page = openForm();
        slowCrm();

        sendValidForm(page, "Без почты " + UUID.randomUUID());
        browser.screenshot("dialog-01-pending-without-mail");

        assertEquals("Ваша заявка отправлена. " + BRIEF, page.successMessage());
        String followUp = page.successFollowUp();
        String reference = referenceIn(followUp);
        assertFalse(followUp.contains("ivanov@example.ru"), followUp);
        assertFalse(followUp.contains("придёт"), followUp);
        assertTrue(followUp.contains("Номер заявки на нашем сайте: " + reference + "."), followUp);
        assertTrue(followUp.contains("странице статуса"), followUp);
        WebElement link = page.statusLinks().get(0);
        assertEquals("Проверить статус заявки", link.getText());
        assertTrue(
                link.getDomAttribute("href").contains("status.xhtml?reference=" + reference),
                link.getDomAttribute("href"));
        assertEquals("sent-ok", page.focusedElementId(), "focus is not on «Хорошо»");
        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        assertEquals("feedback:sent-status", page.focusedElementId(), "Tab does not reach the status link");
        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        assertEquals("sent-token-link", page.focusedElementId(), "Tab does not reach the token's status link");
        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        assertEquals("sent-copy", page.focusedElementId(), "Tab does not reach the copy button");
        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        assertEquals("sent-ok", page.focusedElementId(), "Tab leaves the dialog");
        // Issue 14: the status link with the submission's token opens the answer without the e-mail.
        String tokenLink =
                browser.driver().findElement(By.id("sent-token-link")).getDomProperty("href");
        assertTrue(tokenLink.matches(".*/status\\.xhtml\\?t=[A-Za-z0-9_-]{43}"), tokenLink);

        link.click();
        page.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id("status:email")));
        browser.screenshot("dialog-02-status-page-from-the-dialog");
        assertEquals(
                reference,
                browser.driver().findElement(By.id("status:reference")).getDomProperty("value"));
        assertEquals("status:email", page.focusedElementId(), "the e-mail, the one thing left to fill, has no focus");
        browser.driver().findElement(By.id("status:email")).sendKeys("ivanov@example.ru");
        browser.driver().findElement(By.id("status:check")).click();
        String answer = page.waitUpTo(Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("status:answer")))
                .getText();
        assertTrue(answer.contains(reference), answer);

        browser.driver().get(tokenLink);
        String byToken = page.waitUpTo(Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("status:answer")))
                .getText();
        browser.screenshot("dialog-02b-status-page-from-the-token-link");
        assertTrue(byToken.contains(reference), byToken);
        assertEquals(
                reference,
                browser.driver().findElement(By.id("status:reference")).getDomProperty("value"));
    }

    @Test
    void withMailAPendingNumberIsPromisedByEmailAndAKnownNumberIsInTheBriefsWording() {
        smtp = new GreenMail(new ServerSetup(CasegateProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        casegate = start(
                "dialog-mail",
                Map.of(
                        "casegate.mail.host", "127.0.0.1",
                        "casegate.mail.port", String.valueOf(smtp.getSmtp().getPort()),
                        "casegate.mail.from", "support@casegate.test"));
        browser = Browser.russian();

        FeedbackPage known = openForm();
        sendValidForm(known, "Номер известен " + UUID.randomUUID());
        browser.screenshot("dialog-03-number-known");
        String message = known.successMessage();
        assertTrue(message.matches("Ваша заявка № SR\\d{8} отправлена\\. " + BRIEF), message);
        assertEquals("", known.successFollowUp());
        assertEquals(List.of(), known.statusLinks());
        known.pressOk();

        slowCrm();
        FeedbackPage pending = openForm();
        sendValidForm(pending, "С почтой " + UUID.randomUUID());
        browser.screenshot("dialog-04-pending-with-mail");
        assertEquals("Ваша заявка отправлена. " + BRIEF, pending.successMessage());
        String followUp = pending.successFollowUp();
        String reference = referenceIn(followUp);
        assertTrue(followUp.contains("Номер обращения в службе поддержки придёт на ivanov@example.ru"), followUp);
        assertTrue(pending.statusLinks().get(0).getDomAttribute("href").contains("reference=" + reference), followUp);
    }

    @Test
    void inEnglishWithoutMail() {
        casegate = start("dialog-english", Map.of());
        browser = Browser.english();
        FeedbackPage page = openForm();
        slowCrm();
        sendValidForm(page, "English " + UUID.randomUUID());
        browser.screenshot("dialog-05-pending-english");
        assertEquals(
                "Your request has been sent. We will contact you during business hours, 9:00 to 18:00 Moscow time",
                page.successMessage());
        String followUp = page.successFollowUp();
        String reference = referenceIn(followUp);
        assertTrue(followUp.startsWith("Our website's reference for your request is " + reference + "."), followUp);
        assertFalse(followUp.contains("example.ru"), followUp);
        assertEquals("Check the request status", page.statusLinks().get(0).getText());
    }

    private static CasegateProcess start(String name, Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("casegate.data.dir", "target/it-data/" + name + "-" + UUID.randomUUID());
        settings.put("casegate.sandbox.enabled", "true");
        settings.put("casegate.form.case-number-wait", "2s");
        settings.put("casegate.delivery.poll-interval", "PT1S");
        settings.putAll(extra);
        return CasegateProcess.start(name, "casegate", settings, "index.xhtml");
    }

    private FeedbackPage openForm() {
        try {
            return new FeedbackPage(browser.driver(), new URL(casegate.url("").toString())).open();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Slower than the form's wait of 2 s: the dialog opens before the CRM has the case. */
    private void slowCrm() {
        new CrmInspector(URI.create(casegate.url("sandbox/").toString())).faults("{\"latencyMs\":6000}");
    }

    private static void sendValidForm(FeedbackPage page, String subject) {
        page.fillValidFields(subject).attach(SampleFiles.pdf("акт.pdf"));
        page.send();
        page.awaitSuccessDialog(DIALOG_WAIT);
    }

    private static String referenceIn(String text) {
        java.util.regex.Matcher reference =
                java.util.regex.Pattern.compile("WEB-\\d{4}-\\d{6,}").matcher(text);
        assertTrue(reference.find(), "no reference in: " + text);
        return reference.group();
    }
}
