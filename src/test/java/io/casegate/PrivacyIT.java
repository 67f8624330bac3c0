package io.casegate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.casegate.admin.control.PasswordHashes;
import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.CrmInspector;
import io.casegate.testing.PlainBrowser;
import io.casegate.testing.PlainBrowser.Page;

/**
 * Issue 14, personal data and lookups, against the packaged WAR in Payara Micro with the sandbox CRM,
 * GreenMail on loopback and H2: what the acknowledgement carries and how many one address gets; the
 * status page by reference and e-mail or by the token of its link, never by the reference alone; an
 * API key reads only its own submissions; an administrator erases a visitor's data by e-mail
 * address (delivered and undelivered submissions) through the admin pages; the published copies of
 * large files are swept by the timer.
 */
class PrivacyIT {

    static final String KEY_A = "privacy-key-a";
    static final String KEY_B = "privacy-key-b";
    static final String ADMIN = "privacy-admin";
    static final String ADMIN_PASSWORD = "privacy-admin-password-" + UUID.randomUUID();
    static final Pattern STATUS_LINK = Pattern.compile("https?://\\S+/status\\.xhtml\\?t=([A-Za-z0-9_-]{43})");

    static GreenMail smtp;
    static CasegateProcess casegate;
    static Path dataDir = Path.of("target", "it-data", "privacy-" + UUID.randomUUID());

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(CasegateProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("casegate.sandbox.enabled", "true");
        settings.put("casegate.data.dir", dataDir.toString());
        settings.put("casegate.api.keys", KEY_A + "," + KEY_B);
        settings.put("casegate.mail.host", "127.0.0.1");
        settings.put("casegate.mail.port", String.valueOf(smtp.getSmtp().getPort()));
        settings.put("casegate.mail.from", "support@casegate.test");
        settings.put("casegate.mail.daily-limit-per-recipient", "2");
        settings.put("casegate.delivery.poll-interval", "PT1S");
        settings.put("casegate.delivery.retry.base", "1s");
        settings.put("casegate.delivery.retry.max", "2s");
        settings.put("casegate.crm.external-file-types", "txt");
        settings.put("casegate.external-files.lifetime", "20s");
        settings.put("casegate.attachments.retention-check-interval", "1s");
        settings.put("casegate.admin.users", ADMIN + ":" + PasswordHashes.hash(ADMIN_PASSWORD.toCharArray()));
        casegate = CasegateProcess.start("privacy-casegate", "casegate", settings, "index.xhtml");
    }

    @AfterAll
    static void stop() {
        if (casegate != null) {
            casegate.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void theAcknowledgementCarriesNoLinkOfTheVisitorOnlyAShortSubjectAndAWorkingStatusLink() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "ack-" + tag + "@example.ru";
        Map<String, String> fields = ApiClient.validFields(tag, email, "ООО Письмо");
        fields.put("name", "Ваш счёт заблокирован, войдите на http://bank.evil.example");
        fields.put(
                "subject",
                "Срочно " + tag + " pay.evil.com http://evil.example/login www.evil.ru пишите boss@evil.ru "
                        + "и ещё много слов, чтобы тема была длиннее шестидесяти знаков");
        ApiClient api = new ApiClient(casegate.url("api/"), KEY_A);
        Answer accepted = api.submit(fields);
        assertEquals(202, accepted.status(), accepted.body());
        String caseNumber = awaitCaseNumber(api, accepted.text("reference"));

        MimeMessage mail = await().atMost(Duration.ofSeconds(60))
                .until(() -> receivedBy(email), list -> list.size() == 1)
                .get(0);
        String subject = mail.getSubject();
        String body = mail.getContent().toString();
        for (String text : List.of(subject, body)) {
            assertFalse(text.contains("http://evil") || text.contains("www.evil") || text.contains("evil.com"), text);
            assertFalse(text.contains("boss@") || text.contains("bank.evil") || text.contains("заблокирован"), text);
        }
        assertTrue(subject.contains(caseNumber), subject);
        assertTrue(subject.contains("Срочно " + tag + " pay[.]evil[.]com [ссылка удалена]"), subject);
        String shownSubject = subject.substring(subject.indexOf("Срочно"));
        assertEquals(60, shownSubject.codePointCount(0, shownSubject.length()), shownSubject);
        assertTrue(shownSubject.endsWith("…"), shownSubject);
        assertTrue(body.contains("Тема: " + shownSubject), body);
        assertTrue(body.startsWith("Здравствуйте!"), body);

        Matcher link = STATUS_LINK.matcher(body);
        assertTrue(link.find(), body);
        Page status = new PlainBrowser().get(URI.create(link.group()));
        assertEquals(200, status.status());
        assertEquals(
                "Обращение " + accepted.text("reference") + " зарегистрировано в службе поддержки под номером "
                        + caseNumber + ".",
                status.textOf("status:answer").orElseThrow(() -> new AssertionError(status.text())));
    }

    @Test
    void oneAddressGetsAtMostTheDailyLimitOfAcknowledgements() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String bombed = "target-" + tag + "@example.ru";
        ApiClient api = new ApiClient(casegate.url("api/"), KEY_A);
        List<String> references = Stream.of(1, 2, 3, 4)
                .map(i -> api.submit(ApiClient.validFields(tag + "-" + i, bombed, "ООО Цель")))
                .map(answer -> answer.text("reference"))
                .toList();
        String other = "other-" + tag + "@example.ru";
        String otherReference = api.submit(ApiClient.validFields(tag + "-other", other, "ООО Другая"))
                .text("reference");
        references.forEach(reference -> awaitCaseNumber(api, reference));
        awaitCaseNumber(api, otherReference);
        await().atMost(Duration.ofSeconds(60)).until(() -> receivedBy(other).size() == 1);
        // Every submission is delivered; give a third e-mail to the same address every chance to come.
        Thread.sleep(5000);
        assertEquals(2, receivedBy(bombed).size(), "casegate.mail.daily-limit-per-recipient=2");
        assertTrue(Files.readString(casegate.log()).contains("(casegate.mail.daily-limit-per-recipient)"));
        assertFalse(Files.readString(casegate.log()).contains(bombed), "the address is in the log");
    }

    @Test
    void theStatusPageShowsNothingForAReferenceAloneAndTheAnswerForTheEmailOrTheToken() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "status-" + tag + "@example.ru";
        ApiClient api = new ApiClient(casegate.url("api/"), KEY_A);
        String reference =
                api.submit(ApiClient.validFields(tag, email, "ООО Статус")).text("reference");
        String caseNumber = awaitCaseNumber(api, reference);
        String expected =
                "Обращение " + reference + " зарегистрировано в службе поддержки под номером " + caseNumber + ".";

        PlainBrowser visitor = new PlainBrowser();
        Page byReferenceOnly = visitor.get(casegate.url("status.xhtml?reference=" + reference));
        assertEquals(200, byReferenceOnly.status());
        assertFalse(byReferenceOnly.body().contains("id=\"status:answer\""), byReferenceOnly.text());
        assertFalse(byReferenceOnly.text().contains(caseNumber), byReferenceOnly.text());
        Page withoutEmail = lookUp(visitor, reference, "");
        assertFalse(withoutEmail.body().contains("id=\"status:answer\""), withoutEmail.text());
        Page wrongEmail = lookUp(visitor, reference, "someone-else@example.ru");
        assertEquals(
                "Обращение с таким номером и e-mail не найдено.",
                wrongEmail.textOf("status:answer").orElseThrow());
        assertEquals(
                expected,
                lookUp(visitor, reference, email.toUpperCase())
                        .textOf("status:answer")
                        .orElseThrow());

        String token = tokenOf(email);
        assertEquals(
                expected,
                visitor.get(casegate.url("status.xhtml?t=" + token))
                        .textOf("status:answer")
                        .orElseThrow());
        String guessed = token.substring(0, 42) + (token.endsWith("A") ? "B" : "A");
        String answer = visitor.get(casegate.url("status.xhtml?t=" + guessed))
                .textOf("status:answer")
                .orElseThrow();
        assertTrue(answer.startsWith("Ссылка на статус недействительна"), answer);
    }

    @Test
    void anApiKeyReadsOnlyTheSubmissionsMadeWithIt() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        ApiClient a = new ApiClient(casegate.url("api/"), KEY_A);
        ApiClient b = new ApiClient(casegate.url("api/"), KEY_B);
        String ofA = a.submit(ApiClient.validFields(tag + "-a", "a-" + tag + "@example.ru", "ООО А"))
                .text("reference");
        String ofB = b.submit(ApiClient.validFields(tag + "-b", "b-" + tag + "@example.ru", "ООО Б"))
                .text("reference");

        assertEquals(200, a.status(ofA).status());
        assertEquals(200, b.status(ofB).status());
        Answer foreign = b.status(ofA);
        assertEquals(404, foreign.status(), foreign.body());
        Answer unknown = b.status("WEB-2000-000001");
        assertEquals(unknown.status(), foreign.status());
        assertEquals(unknown.text("title"), foreign.text("title"), "another key's submission looks unknown");
        assertEquals(404, a.status(ofB).status());
        assertFalse(foreign.body().contains("b-" + tag) || foreign.body().contains("Не работает"), foreign.body());
    }

    @Test
    void anAdministratorErasesAVisitorsDataByEmailDeliveredAndUndelivered() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "erase-" + tag + "@example.ru";
        ApiClient api = new ApiClient(casegate.url("api/"), KEY_A);
        String delivered = api.submit(ApiClient.validFields(tag + "-delivered", email, "ООО Стереть"))
                .text("reference");
        String caseNumber = awaitCaseNumber(api, delivered);
        await().atMost(Duration.ofSeconds(60)).until(() -> receivedBy(email).size() == 1);
        String token = tokenOf(email);
        PlainBrowser visitor = new PlainBrowser();
        assertTrue(lookUp(visitor, delivered, email)
                .textOf("status:answer")
                .orElseThrow()
                .contains(caseNumber));

        crm().faults("{\"outage\":true}");
        String undelivered;
        try {
            undelivered = api.submit(ApiClient.validFields(tag + "-undelivered", email.toUpperCase(), "ООО Стереть"))
                    .text("reference");
            Thread.sleep(2500);
            Page done = eraseAsAdmin(email);
            assertEquals(
                    "Данные удалены. Результат — первая строка журнала.",
                    done.textOf("erasure-outcome").orElseThrow(() -> new AssertionError(done.text())));
            String firstRow = done.body().substring(done.body().indexOf("<tbody>"));
            firstRow = firstRow.substring(0, firstRow.indexOf("</tr>"));
            assertTrue(firstRow.contains("<td>" + ADMIN + "</td>"), firstRow);
            assertTrue(firstRow.contains("<td>e***@e***.ru</td>"), firstRow);
            assertTrue(firstRow.contains("<td>2</td>") && firstRow.contains("<td>1</td>"), firstRow);
            assertTrue(firstRow.contains(caseNumber), firstRow);
            assertFalse(done.body().contains(email), "the address is on the page");
        } finally {
            crm().faults("{\"outage\":false}");
        }

        assertEquals(
                "Обращение с таким номером и e-mail не найдено.",
                lookUp(visitor, delivered, email).textOf("status:answer").orElseThrow());
        assertTrue(visitor.get(casegate.url("status.xhtml?t=" + token))
                .textOf("status:answer")
                .orElseThrow()
                .startsWith("Ссылка на статус недействительна"));
        // The reference and the case number stay: the API still answers its own key with them.
        assertEquals(caseNumber, api.status(delivered).text("caseNumber"));
        // The undelivered submission is never delivered, and no e-mail follows.
        Thread.sleep(6000);
        assertEquals(List.of(), crm().rows("Case", "Id,Subject", "contains(Subject,'" + tag + "-undelivered')"));
        assertEquals(null, api.status(undelivered).text("caseNumber"));
        assertEquals(1, receivedBy(email).size());
        assertFalse(Files.readString(casegate.log()).contains(email), "the address is in the log");
    }

    @Test
    void publishedCopiesOfLargeFilesAreSweptByTheTimerOnceExpired() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        ApiClient api = new ApiClient(casegate.url("api/"), KEY_A);
        Answer accepted = api.submit(
                ApiClient.validFields(tag, "files-" + tag + "@example.ru", "ООО Файлы"),
                Map.of("big.txt", "a file kept outside the CRM".getBytes()),
                null,
                null);
        assertEquals(202, accepted.status(), accepted.body());
        awaitCaseNumber(api, accepted.text("reference"));
        Path published = dataDir.resolve("external-files");
        await().atMost(Duration.ofSeconds(15)).until(() -> copies(published).size() == 1);
        // Nobody asks for the file again: the timer alone removes it once its 20 s have passed.
        await().atMost(Duration.ofSeconds(40)).until(() -> copies(published).isEmpty());
    }

    private static List<Path> copies(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            // The file itself; its description (.properties) goes with it.
            return files.filter(file -> !file.getFileName().toString().contains("."))
                    .toList();
        }
    }

    /** Through the admin pages as an administrator does it: sign in, the link on the start page, the form. */
    private static Page eraseAsAdmin(String email) {
        for (int attempt = 0; ; attempt++) {
            PlainBrowser admin = new PlainBrowser();
            Page start = admin.follow(admin.signIn(casegate.url("admin/index.xhtml"), ADMIN, ADMIN_PASSWORD));
            Page form = admin.get(start.link("erasure.xhtml").orElseThrow(() -> new AssertionError(start.text())));
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("erase", "erase");
            fields.put("erase:email", email);
            fields.put("erase:confirmed", "on");
            fields.put("erase:submit", "Удалить данные");
            fields.put("jakarta.faces.ViewState", form.viewState().orElseThrow());
            Page answer = admin.post(form.formAction("erase").orElseThrow(), fields);
            assertEquals(302, answer.status(), answer.text());
            Page result = admin.follow(answer);
            if (!result.uri().toString().contains("refused") || attempt == 5) {
                return result;
            }
        }
    }

    /** The status page's form, as a browser without JavaScript posts it. */
    private static Page lookUp(PlainBrowser visitor, String reference, String email) {
        Page page = visitor.get(casegate.url("status.xhtml"));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", "status");
        fields.put("status:reference", reference);
        fields.put("status:email", email);
        fields.put("status:check", "Проверить");
        fields.put("jakarta.faces.ViewState", page.viewState().orElseThrow());
        return visitor.post(page.formAction("status").orElseThrow(), fields);
    }

    private static String tokenOf(String email) throws Exception {
        MimeMessage mail = await().atMost(Duration.ofSeconds(60))
                .until(() -> receivedBy(email), list -> !list.isEmpty())
                .get(0);
        Matcher link = STATUS_LINK.matcher(mail.getContent().toString());
        assertTrue(link.find());
        return link.group(1);
    }

    private static CrmInspector crm() {
        return new CrmInspector(URI.create(casegate.url("sandbox/").toString()));
    }

    private static String awaitCaseNumber(ApiClient api, String reference) {
        return await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.status(reference).text("caseNumber"), number -> number != null);
    }

    private static List<MimeMessage> receivedBy(String address) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                                .anyMatch(to -> to.toString().equalsIgnoreCase(address));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }
}
