package io.casegate.feedback;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The feedback form (index.xhtml) as a visitor's browser sees it. */
public class FeedbackPage {

    /** Every field a visitor must fill, by its id inside the form. */
    public static final List<String> REQUIRED_FIELDS =
            List.of("name", "email", "organisation", "service", "subject", "description", "files", "consent");

    private static final String FORM = "feedback:";

    private final WebDriver driver;
    private final URL base;

    public FeedbackPage(WebDriver driver, URL base) {
        this.driver = driver;
        this.base = base;
    }

    public FeedbackPage open() {
        driver.get(base.toString());
        waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id(FORM + "send")));
        return this;
    }

    public WebElement field(String id) {
        return driver.findElement(By.id(FORM + id));
    }

    public FeedbackPage type(String id, String text) {
        WebElement field = field(id);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    public FeedbackPage chooseService(int index) {
        new Select(field("service")).selectByIndex(index);
        return this;
    }

    public FeedbackPage attach(Path... files) {
        field("files")
                .sendKeys(Arrays.stream(files)
                        .map(file -> file.toAbsolutePath().toString())
                        .collect(Collectors.joining("\n")));
        return this;
    }

    public FeedbackPage tickConsent() {
        if (!field("consent").isSelected()) {
            field("consent").click();
        }
        return this;
    }

    /** Fills every field correctly except the files. */
    public FeedbackPage fillValidFields(String subject) {
        return type("name", "Иванов Иван Иванович")
                .type("email", "ivanov@example.ru")
                .type("phone", "8 (912) 345-67-89")
                .type("organisation", "ООО «Ромашка»")
                .type("inn", "7707083893")
                .chooseService(1)
                .type("subject", subject)
                .type("description", "Касса не печатает чек.\nВторая строка описания.")
                .tickConsent();
    }

    public WebElement sendButton() {
        return field("send");
    }

    public void send() {
        sendButton().click();
    }

    /** Waits for the error summary that a rejected submit shows (after ajax or a full page). */
    public WebElement awaitErrorSummary() {
        return waitUpTo(Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
    }

    public boolean hasErrorSummary() {
        return !driver.findElements(By.id("error-summary")).isEmpty();
    }

    /** The text of a field's own message, empty when it has none. */
    public String errorOf(String id) {
        List<WebElement> messages = driver.findElements(By.id(FORM + id + "-error"));
        return messages.isEmpty() ? "" : messages.get(0).getText().strip();
    }

    /** What the page's own check of the chosen files says, before anything is sent. */
    public String fileCheck() {
        return driver.findElement(By.id("files-check")).getText().strip();
    }

    public boolean isMarkedInvalid(String id) {
        return "true".equals(field(id).getDomAttribute("aria-invalid"));
    }

    /** True when the field's aria-describedby names the element that holds its message. */
    public boolean isDescribedByItsMessage(String id) {
        String describedBy = field(id).getDomAttribute("aria-describedby");
        return describedBy != null && Arrays.asList(describedBy.split("\\s+")).contains(FORM + id + "-error");
    }

    public String focusedElementId() {
        return driver.switchTo().activeElement().getDomAttribute("id");
    }

    public int chosenFileCount() {
        return ((Number)
                        ((JavascriptExecutor) driver).executeScript("return arguments[0].files.length", field("files")))
                .intValue();
    }

    public WebElement awaitSendingState() {
        WebDriverWait wait = waitUpTo(Duration.ofSeconds(10));
        wait.until(driver -> !sendButton().isEnabled());
        return sendButton();
    }

    public boolean spinnerIsShown() {
        return driver.findElement(By.cssSelector("#feedback .spinner")).isDisplayed();
    }

    /**
     * Waits for the success dialog to say what it finally says: the case number, or the reference
     * when the number did not come in time. Meanwhile the dialog is {@code aria-busy} and asks for
     * the number (with JavaScript) or the page refreshes itself (without).
     */
    public WebElement awaitSuccessDialog(Duration timeout) {
        return waitUpTo(timeout).until(driver -> {
            try {
                WebElement dialog = driver.findElement(By.id("sent-dialog"));
                return dialog.isDisplayed() && !"true".equals(dialog.getDomAttribute("aria-busy")) ? dialog : null;
            } catch (NoSuchElementException | StaleElementReferenceException notYet) {
                return null;
            }
        });
    }

    /** Waits for the success dialog to open, whether or not it still waits for the case number. */
    public WebElement awaitDialogOpen(Duration timeout) {
        return waitUpTo(timeout).until(ExpectedConditions.visibilityOfElementLocated(By.id("sent-dialog")));
    }

    public String successMessage() {
        return driver.findElement(By.id("sent-message")).getText().strip();
    }

    public String successFollowUp() {
        return driver.findElement(By.id("sent-followup")).getText().strip();
    }

    /** The dialog's link to the status page; absent while the case number is known. */
    public List<WebElement> statusLinks() {
        return driver.findElements(By.id("feedback:sent-status"));
    }

    public WebElement okButton() {
        return driver.findElement(By.id("sent-ok"));
    }

    /** Presses «Хорошо» and waits for the fresh form that replaces the dialog. */
    public FeedbackPage pressOk() {
        return awaitFreshFormAfter(() -> okButton().click());
    }

    /** Presses Escape in the success dialog and waits for the fresh form. */
    public FeedbackPage pressEscape() {
        return awaitFreshFormAfter(
                () -> new Actions(driver).sendKeys(Keys.ESCAPE).perform());
    }

    private FeedbackPage awaitFreshFormAfter(Runnable action) {
        WebElement oldForm = driver.findElement(By.id("feedback"));
        action.run();
        waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(oldForm));
        waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.id(FORM + "send")));
        return this;
    }

    public boolean dialogIsShown() {
        return !driver.findElements(By.id("sent-dialog")).isEmpty();
    }

    public String value(String id) {
        return field(id).getDomProperty("value");
    }

    public WebDriverWait waitUpTo(Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50));
    }
}
