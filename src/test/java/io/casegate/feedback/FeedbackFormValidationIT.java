package io.casegate.feedback;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import io.casegate.testing.Browser;
import io.casegate.testing.Deployments;
import io.casegate.testing.SampleFiles;

/**
 * The form's validation in a real browser: what a visitor sees when something is missing or
 * wrong, with and without JavaScript, in Russian and English. None of these submissions reaches
 * the intake.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FeedbackFormValidationIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.casegate();
    }

    @ArquillianResource
    URL base;

    private Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void emptySubmitMarksEveryRequiredFieldAndFocusesTheFirst() {
        browser = Browser.russian();
        FeedbackPage page = new FeedbackPage(browser.driver(), base).open();
        browser.screenshot("validation-01-empty-form");
        // The keep-alive request of a long-open page must leave the form working.
        browser.driver()
                .executeAsyncScript("var done = arguments[arguments.length - 1];"
                        + "faces.ajax.addOnEvent(function (data) { if (data.status === 'success') done(); });"
                        + "casegate.form.keepAlive();");

        page.send();
        page.awaitErrorSummary();
        browser.screenshot("validation-02-empty-submit");

        assertAll(FeedbackPage.REQUIRED_FIELDS.stream().map(field -> () -> {
            assertTrue(page.isMarkedInvalid(field), field + " is not aria-invalid");
            assertTrue(page.isDescribedByItsMessage(field), field + " is not described by its message");
            assertFalse(page.errorOf(field).isEmpty(), field + " has no message");
        }));
        assertEquals("Прикрепите файл", page.errorOf("files"));
        assertEquals("Укажите ФИО", page.errorOf("name"));
        assertEquals("Подтвердите согласие на обработку персональных данных", page.errorOf("consent"));
        assertFalse(page.isMarkedInvalid("phone"), "the optional phone is marked");
        assertFalse(page.isMarkedInvalid("inn"), "the optional INN is marked");
        assertEquals("feedback:name", page.focusedElementId());
        assertTrue(page.awaitErrorSummary().getText().contains("Прикрепите файл"));
        assertTrue(page.sendButton().isEnabled(), "the button stays disabled after a rejected submit");
        assertFalse(page.dialogIsShown());
    }

    @Test
    void aMissingFileIsTheOnlyComplaintAndNothingIsSent() {
        browser = Browser.russian();
        FeedbackPage page = new FeedbackPage(browser.driver(), base).open();
        page.fillValidFields("Без файла");

        page.send();
        page.awaitErrorSummary();
        browser.screenshot("validation-03-missing-file");

        assertEquals("Прикрепите файл", page.errorOf("files"));
        assertTrue(page.isMarkedInvalid("files"));
        assertEquals("feedback:files", page.focusedElementId());
        assertAll(FeedbackPage.REQUIRED_FIELDS.stream()
                .filter(field -> !field.equals("files"))
                .map(field -> () -> assertFalse(page.isMarkedInvalid(field), field + " is marked")));
        assertFalse(page.dialogIsShown(), "a submission without a file was sent");
        assertEquals("Без файла", page.value("subject"), "the visitor's input was lost");
    }

    @Test
    void anInvalidEmailAndInnAreExplainedAndTheChosenFilesAreKept() {
        browser = Browser.russian();
        FeedbackPage page = new FeedbackPage(browser.driver(), base).open();
        page.fillValidFields("Неверные данные")
                .type("email", "ivanov@example")
                .type("inn", "7707083894")
                .attach(SampleFiles.pdf("check.pdf"));

        page.send();
        page.awaitErrorSummary();
        browser.screenshot("validation-04-invalid-email-and-inn");

        assertEquals("Укажите e-mail в формате name@example.ru", page.errorOf("email"));
        assertEquals("ИНН должен состоять из 10 или 12 цифр с верной контрольной суммой", page.errorOf("inn"));
        assertTrue(page.isMarkedInvalid("email"));
        assertTrue(page.isMarkedInvalid("inn"));
        assertEquals("feedback:email", page.focusedElementId());
        assertEquals("", page.errorOf("files"));
        assertEquals(1, page.chosenFileCount(), "the chosen file was dropped by the ajax update");
        assertFalse(page.dialogIsShown());
    }

    @Test
    void aFileOfAForbiddenTypeIsNamedWithTheAllowedTypesAndNotSent() {
        browser = Browser.russian();
        FeedbackPage page = new FeedbackPage(browser.driver(), base).open();
        page.fillValidFields("Неверный файл").attach(SampleFiles.text("setup.exe", "MZ not really a program"));

        page.send();
        browser.screenshot("validation-05-file-type");

        String message = page.fileCheck();
        assertTrue(message.startsWith("Файл «setup.exe» нельзя прикрепить: допустимые типы — 7z, bmp, csv, "), message);
        assertTrue(page.isMarkedInvalid("files"));
        // Sending would have disabled the button at once; the refused click leaves it as it was.
        assertTrue(page.sendButton().isEnabled(), "the form was sent with a file the server refuses");
        assertFalse(page.hasErrorSummary());
        assertFalse(page.dialogIsShown());
    }

    @Test
    void anEnglishBrowserGetsEnglishTextsAndMessages() {
        browser = Browser.english();
        FeedbackPage page = new FeedbackPage(browser.driver(), base).open();
        assertEquals(
                "Contact technical support",
                browser.driver().findElement(By.tagName("h1")).getText());

        page.send();
        page.awaitErrorSummary();
        browser.screenshot("validation-06-english");

        assertEquals("Attach a file", page.errorOf("files"));
        assertEquals("Enter your full name", page.errorOf("name"));
        assertEquals("Send", page.sendButton().getDomProperty("value"));
    }

    @Test
    void withoutJavaScriptAPlainPostShowsTheServersMessages() {
        browser = Browser.russianWithoutJavaScript();
        FeedbackPage page = new FeedbackPage(browser.driver(), base).open();
        page.fillValidFields("Без JavaScript").type("email", "нет почты");

        page.send();
        page.awaitErrorSummary();
        browser.screenshot("validation-07-no-javascript");

        assertEquals(
                "Ошибка: Обращение в техническую поддержку", browser.driver().getTitle());

        assertEquals("Укажите e-mail в формате name@example.ru", page.errorOf("email"));
        assertEquals("Прикрепите файл", page.errorOf("files"));
        assertTrue(page.isMarkedInvalid("email"));
        assertTrue(page.isMarkedInvalid("files"));
        assertEquals("Без JavaScript", page.value("subject"));
        assertFalse(page.dialogIsShown());
    }

    @Test
    void theConsentTextShowsItsVersion() throws Exception {
        browser = Browser.russian();
        browser.driver().get(base.toURI().resolve("consent.xhtml").toString());
        browser.screenshot("validation-08-consent-text");
        String text = browser.driver().findElement(By.id("consent-text")).getText();
        assertTrue(text.contains("Редакция 1"), text);
        assertTrue(text.contains("152-ФЗ"), text);
    }

    @Test
    void aFilledHoneypotSendsNothingAndShowsTheFieldToAPerson() {
        browser = Browser.russian();
        FeedbackPage page = new FeedbackPage(browser.driver(), base).open();
        page.fillValidFields("Бот").attach(SampleFiles.pdf("bot.pdf"));
        assertFalse(page.field("website").isDisplayed(), "the honeypot is visible to people");
        browser.driver().executeScript("document.getElementById('feedback:website').value = 'http://spam.example'");

        page.send();
        String summary = page.awaitErrorSummary().getText();
        browser.screenshot("validation-09-honeypot");

        assertTrue(summary.contains("«Оставьте это поле пустым» должно быть пустым"), summary);
        assertTrue(page.field("website").isDisplayed(), "a person whose browser filled the honeypot cannot clear it");
        assertFalse(page.dialogIsShown(), "a bot was told that its request was sent");
    }

    @Test
    void theFormFitsAPhoneScreen() {
        browser = Browser.russian(390, 844);
        FeedbackPage page = new FeedbackPage(browser.driver(), base).open();
        browser.fullPageScreenshot("validation-11-phone");
        long overflow = ((Number) browser.driver()
                        .executeScript("return document.documentElement.scrollWidth - window.innerWidth"))
                .longValue();
        assertTrue(overflow <= 0, "the page is " + overflow + " px wider than a phone's screen");
        assertTrue(page.sendButton().isDisplayed());
    }

    @Test
    void aTooLargeFileIsNamedAtOnceAndNotUploaded() {
        browser = Browser.russian();
        FeedbackPage page = new FeedbackPage(browser.driver(), base).open();
        page.fillValidFields("Большой файл").attach(tooLargeFile());

        assertEquals("Файл «big.pdf» больше 20 МБ", page.fileCheck());
        assertTrue(page.isMarkedInvalid("files"));
        page.send();
        browser.screenshot("validation-12-too-large-with-javascript");

        assertEquals("feedback:files", page.focusedElementId());
        assertTrue(page.sendButton().isEnabled(), "the refused click left the button disabled");
        assertFalse(page.hasErrorSummary(), "the form was sent with a file the server refuses");
        assertFalse(page.dialogIsShown());
    }

    @Test
    void withoutJavaScriptTheServerNamesATooLargeFileAForbiddenTypeAndTheLimits() {
        browser = Browser.russianWithoutJavaScript();
        FeedbackPage page = new FeedbackPage(browser.driver(), base).open();
        page.fillValidFields("Большой файл без JavaScript")
                .attach(tooLargeFile(), SampleFiles.text("setup.exe", "MZ not really a program"));

        page.send();
        page.awaitErrorSummary();
        browser.screenshot("validation-13-files-without-javascript");

        String messages = page.errorOf("files");
        assertTrue(messages.startsWith("Файл «big.pdf» больше 20 МБ\n"), messages);
        assertTrue(messages.contains("Файл «setup.exe» нельзя прикрепить: допустимые типы — 7z, bmp, csv, "), messages);
        assertTrue(page.isMarkedInvalid("files"));
        assertFalse(page.dialogIsShown());
    }

    /** Just over the default limit of 20 MB per file. */
    private static Path tooLargeFile() {
        return SampleFiles.write("big.pdf", new byte[20 * 1024 * 1024 + 1]);
    }
}
