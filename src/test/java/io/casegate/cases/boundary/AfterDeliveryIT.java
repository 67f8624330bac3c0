package io.casegate.cases.boundary;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CasegateProcess;

/**
 * What happens once a submission is in the CRM, with Casegate in a Payara process of its own
 * (built-in sandbox CRM, a real SMTP server): attachments leave local storage (retention 0), and
 * the acknowledgement e-mail reaches a real SMTP server (GreenMail on loopback) once the case
 * number is known: with that number, the subject and the working hours, in the visitor's
 * language, and exactly once per submission.
 */
class AfterDeliveryIT {

    static final String API_KEY = "mail-it-key";

    static GreenMail smtp;
    static CasegateProcess casegate;
    static Path dataDir = Path.of("target", "it-data", "mail-" + UUID.randomUUID());

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(CasegateProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        casegate = CasegateProcess.start(
                "mail-casegate",
                "casegate",
                Map.ofEntries(
                        Map.entry("casegate.sandbox.enabled", "true"),
                        Map.entry("casegate.data.dir", dataDir.toString()),
                        Map.entry("casegate.attachments.retention", "0"),
                        Map.entry("casegate.attachments.retention-check-interval", "PT2S"),
                        Map.entry("casegate.attachments.orphan-age", "PT1H"),
                        Map.entry("casegate.files.max-file-size-mb", "1"),
                        Map.entry("casegate.api.keys", API_KEY),
                        Map.entry("casegate.mail.host", "127.0.0.1"),
                        Map.entry(
                                "casegate.mail.port",
                                String.valueOf(smtp.getSmtp().getPort())),
                        Map.entry("casegate.mail.from", "support@casegate.test"),
                        Map.entry("casegate.delivery.poll-interval", "PT1S")),
                "sandbox/_stats");
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
    void eachVisitorGetsExactlyOneAcknowledgementWithTheCaseNumberInTheirLanguage() throws Exception {
        ApiClient api = new ApiClient(casegate.url("api/"), API_KEY);
        String tag = UUID.randomUUID().toString();
        Answer russian = api.submit(
                ApiClient.validFields("ru " + tag, "ru-" + tag + "@example.ru", "ООО Почта"),
                Map.of("a.txt", "x".getBytes()),
                null,
                "ru-RU");
        Answer english = api.submit(
                ApiClient.validFields("en " + tag, "en-" + tag + "@example.com", "Mail Ltd"),
                Map.of("a.txt", "x".getBytes()),
                null,
                "en-US,en;q=0.9");
        Answer third = api.submit(
                ApiClient.validFields("third " + tag, "third-" + tag + "@example.ru", "ООО Третья"),
                Map.of("a.txt", "x".getBytes()),
                "replayed-" + tag,
                null);
        api.submit(
                ApiClient.validFields("third " + tag, "third-" + tag + "@example.ru", "ООО Третья"),
                Map.of("a.txt", "x".getBytes()),
                "replayed-" + tag,
                null);

        String russianCase = awaitCaseNumber(api, russian.text("reference"));
        String englishCase = awaitCaseNumber(api, english.text("reference"));
        awaitCaseNumber(api, third.text("reference"));
        await().atMost(Duration.ofSeconds(60)).until(() -> receivedFor(tag).size() >= 3);
        // Give a duplicate every chance to arrive: a few more dispatcher polls.
        Thread.sleep(3000);

        List<MimeMessage> received = receivedFor(tag);
        Map<String, List<MimeMessage>> byRecipient =
                received.stream().collect(Collectors.groupingBy(AfterDeliveryIT::recipient));
        assertEquals(3, received.size(), byRecipient::toString);
        assertEquals(3, byRecipient.size(), byRecipient::toString);

        MimeMessage toRussian = byRecipient.get("ru-" + tag + "@example.ru").get(0);
        String russianBody = GreenMailUtil.getBody(toRussian);
        assertTrue(toRussian.getSubject().contains(russianCase), toRussian.getSubject());
        assertTrue(toRussian.getSubject().contains("Не работает вход ru " + tag), toRussian.getSubject());
        assertTrue(text(toRussian).contains("Мы свяжемся с вами в рабочее время по мск с 9:00 до 18:00"), russianBody);
        assertTrue(text(toRussian).contains(russian.text("reference")), russianBody);

        MimeMessage toEnglish = byRecipient.get("en-" + tag + "@example.com").get(0);
        assertTrue(toEnglish.getSubject().startsWith("Request " + englishCase), toEnglish.getSubject());
        assertTrue(text(toEnglish).contains("9:00 to 18:00 Moscow time"), text(toEnglish));
        assertEquals("support@casegate.test", toEnglish.getFrom()[0].toString());
    }

    @Test
    void attachmentsLeaveLocalStorageOnceDeliveredWithARetentionOfZero() {
        ApiClient api = new ApiClient(casegate.url("api/"), API_KEY);
        String tag = UUID.randomUUID().toString();
        Answer accepted = api.submit(
                ApiClient.validFields("files " + tag, "files-" + tag + "@example.ru", "ООО Файлы"),
                Map.of("big.log", new byte[300_000], "small.txt", "x".getBytes()),
                null,
                null);
        assertEquals(202, accepted.status(), accepted.body());

        awaitCaseNumber(api, accepted.text("reference"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> storedFiles().stream()
                        .noneMatch(file -> !file.toString().contains("2020")));
    }

    @Test
    void filesOfInterruptedIntakesAreSweptOnceOldEnough() throws IOException {
        Path directory = Files.createDirectories(
                dataDir.resolve("attachments").resolve("2020").resolve("01"));
        Path old = Files.writeString(directory.resolve(UUID.randomUUID() + ".partial"), "interrupted long ago");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path young = Files.writeString(directory.resolve(UUID.randomUUID().toString()), "an intake still under way");

        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(old));
        assertTrue(Files.exists(young));
        Files.delete(young);
    }

    @Test
    void aFileOverTheLimitIsRefusedWith413() {
        ApiClient api = new ApiClient(casegate.url("api/"), API_KEY);
        Answer refused = api.submit(
                ApiClient.validFields("too big", "big@example.ru", "ООО Большие файлы"),
                Map.of("huge.log", new byte[1024 * 1024 + 1]),
                null,
                null);
        assertEquals(413, refused.status(), refused.body());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
    }

    private static List<Path> storedFiles() throws IOException {
        Path attachments = dataDir.resolve("attachments");
        if (!Files.exists(attachments)) {
            return List.of();
        }
        try (var files = Files.walk(attachments)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static List<MimeMessage> receivedFor(String tag) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> recipient(message).contains(tag))
                .toList();
    }

    private static String text(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String awaitCaseNumber(ApiClient api, String reference) {
        return await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.status(reference).text("caseNumber"), number -> number != null);
    }
}
