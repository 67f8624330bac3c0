package io.casegate.feedback.control;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
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
 * The acknowledgement e-mail reaches a real SMTP server (GreenMail on loopback) once the case
 * number is known: with that number, the subject and the working hours, in the visitor's
 * language, and exactly once per submission.
 */
class AcknowledgementMailIT {

    static final String API_KEY = "mail-it-key";

    static GreenMail smtp;
    static CasegateProcess casegate;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(CasegateProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        casegate = CasegateProcess.start("mail-casegate", "casegate", Map.of(
                "casegate.data.dir", Path.of("target", "it-data", "mail-" + UUID.randomUUID()).toString(),
                "casegate.api.keys", API_KEY,
                "casegate.mail.host", "127.0.0.1",
                "casegate.mail.port", String.valueOf(smtp.getSmtp().getPort()),
                "casegate.mail.from", "support@casegate.test",
                "casegate.delivery.poll-interval", "PT1S"), "sandbox/_stats");
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
        Answer russian = api.submit(ApiClient.validFields("ru " + tag, "ru-" + tag + "@example.ru", "ООО Почта"),
                Map.of("a.txt", "x".getBytes()), null, "ru-RU");
        Answer english = api.submit(ApiClient.validFields("en " + tag, "en-" + tag + "@example.com", "Mail Ltd"),
                Map.of("a.txt", "x".getBytes()), null, "en-US,en;q=0.9");
        Answer third = api.submit(ApiClient.validFields("third " + tag, "third-" + tag + "@example.ru", "ООО Третья"),
                Map.of("a.txt", "x".getBytes()), "replayed-" + tag, null);
        api.submit(ApiClient.validFields("third " + tag, "third-" + tag + "@example.ru", "ООО Третья"),
                Map.of("a.txt", "x".getBytes()), "replayed-" + tag, null);

        String russianCase = awaitCaseNumber(api, russian.text("reference"));
        String englishCase = awaitCaseNumber(api, english.text("reference"));
        awaitCaseNumber(api, third.text("reference"));
        await().atMost(Duration.ofSeconds(60)).until(() -> smtp.getReceivedMessages().length >= 3);
        // Give a duplicate every chance to arrive: two more dispatcher polls.
        Thread.sleep(3000);

        MimeMessage[] received = smtp.getReceivedMessages();
        Map<String, List<MimeMessage>> byRecipient = Arrays.stream(received)
                .collect(Collectors.groupingBy(AcknowledgementMailIT::recipient));
        assertEquals(3, received.length, byRecipient::toString);
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
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.status(reference).text("caseNumber"), number -> number != null);
    }

}
