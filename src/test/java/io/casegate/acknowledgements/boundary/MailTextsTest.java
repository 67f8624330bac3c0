package io.casegate.acknowledgements.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;

import org.junit.jupiter.api.Test;

/** What of a stranger's subject reaches the acknowledgement, and what of an SMTP error is stored. */
class MailTextsTest {

    static final String REMOVED = "[ссылка удалена]";

    @Test
    void linksWithASchemeAndWwwAreRemoved() {
        String shown = MailTexts.visitorSubject("Войдите http://evil.example/login и www.evil.ru", REMOVED);
        assertEquals("Войдите [ссылка удалена] и [ссылка удалена]", shown);
    }

    @Test
    void otherSchemesAndAddressesAreRemoved() {
        String shown = MailTexts.visitorSubject("mailto:boss@evil.ru tel:+79990000000 пишите refund@evil.ru", REMOVED);
        assertFalse(shown.contains("@"), shown);
        assertFalse(shown.contains("mailto"), shown);
        assertFalse(shown.contains("+7999"), shown);
        assertTrue(shown.startsWith(REMOVED), shown);
    }

    @Test
    void bareHostNamesAreDefangedSoThatNoMailClientLinksThem() {
        assertEquals(
                "Зайдите на pay[.]evil[.]com / x и пример[.]рф",
                MailTexts.visitorSubject("Зайдите на pay.evil.com/x и пример.рф", REMOVED));
        assertEquals("Версия 1.2.3 не работает", MailTexts.visitorSubject("Версия 1.2.3 не работает", REMOVED));
    }

    @Test
    void oneLineAndAtMostSixtyCharacters() {
        String shown = MailTexts.visitorSubject("Строка\r\nBcc: x\u202Eвторая " + "я".repeat(100), REMOVED);
        assertFalse(shown.contains("\n") || shown.contains("\r") || shown.contains("\u202E"), shown);
        assertEquals(60, shown.codePointCount(0, shown.length()), shown);
        assertTrue(shown.endsWith("…"), shown);
        assertEquals("Короткая тема", MailTexts.visitorSubject("  Короткая   тема ", REMOVED));
    }

    @Test
    void smtpErrorsLoseEveryAddress() throws Exception {
        SendFailedException refused = new SendFailedException(
                "Invalid Addresses",
                new MessagingException("550 5.1.1 <Ivan.Petrov@example.ru>: Recipient address rejected"),
                new jakarta.mail.Address[0],
                new jakarta.mail.Address[0],
                new jakarta.mail.Address[] {new InternetAddress("ivan.petrov@example.ru")});
        String stored = Acknowledgements.describe(refused);
        assertEquals("Invalid Addresses; 550 5.1.1 <<address>>: Recipient address rejected", stored);
        assertFalse(stored.toLowerCase().contains("petrov"), stored);
    }
}
