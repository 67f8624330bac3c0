package io.casegate.cases.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.casegate.attachments.entity.AttachedFile;
import io.casegate.cases.entity.CaseRequest;

class CaseDescriptionTest {

    static CaseRequest request(Locale locale, List<AttachedFile> files) {
        return new CaseRequest(
                UUID.randomUUID(),
                "WEB-2026-000042",
                "Шон О'Брайен",
                "sean@example.ru",
                "+79161234567",
                "ООО \"Ромашка\"",
                "7707083893",
                "AAAA",
                "Касса не печатает чек",
                "Строка один\nСтрока два",
                locale,
                Instant.parse("2026-05-01T10:00:00Z"),
                files);
    }

    static AttachedFile file(String name, long size) {
        return new AttachedFile(
                UUID.randomUUID(), name, "application/pdf", size, () -> new ByteArrayInputStream(new byte[0]));
    }

    @Test
    void everyFieldLabelledOnePerLineInRussian() {
        AttachedFile small = file("чек.pdf", 1536);
        AttachedFile large = file("video.mp4", 15 * 1024 * 1024);
        String description = CaseDescription.of(
                request(Locale.forLanguageTag("ru"), List.of(small, large)), "АТОЛ Онлайн", file -> file == large);
        assertEquals("""
                Номер заявки на сайте: WEB-2026-000042<br>
                Имя: Шон О'Брайен<br>
                E-mail: sean@example.ru<br>
                Телефон: +79161234567<br>
                Организация: ООО "Ромашка"<br>
                ИНН: 7707083893<br>
                Коммерческий сервис: АТОЛ Онлайн<br>
                Тема обращения: Касса не печатает чек<br>
                Файлы:<br>
                - чек.pdf (1,5 КБ)<br>
                - video.mp4 (15 МБ), во внешнем хранилище<br>
                Описание:<br>
                Строка один<br>
                Строка два""", description);
    }

    @Test
    void englishWhenTheVisitorWroteInEnglishAndDashesForEmptyFields() {
        CaseRequest english = new CaseRequest(
                UUID.randomUUID(),
                "WEB-2026-000043",
                "Sean",
                "s@example.com",
                null,
                "Acme",
                null,
                "Support",
                "Subject",
                "Text",
                Locale.ENGLISH,
                Instant.now(),
                List.of(file("a.txt", 10)));
        assertEquals("""
                Website request number: WEB-2026-000043<br>
                Name: Sean<br>
                E-mail: s@example.com<br>
                Phone: —<br>
                Organisation: Acme<br>
                INN (taxpayer number): —<br>
                Commercial service: Support<br>
                Subject: Subject<br>
                Files:<br>
                - a.txt (10 B)<br>
                Description:<br>
                Text""", CaseDescription.of(english, "Support", file -> false));
    }

    @Test
    void theVisitorsTextIsEscapedSoThatCreatioShowsItAsText() {
        CaseRequest hostile = new CaseRequest(
                UUID.randomUUID(),
                "WEB-2026-000044",
                "<b>x</b>",
                "s@example.com",
                null,
                "A & B <i>",
                null,
                "Support",
                "Subject",
                "<script>alert(1)</script>\r\nline & <b>x</b>\rlast",
                Locale.ENGLISH,
                Instant.now(),
                List.of(file("<img src=x onerror=alert(1)>.txt", 10)));
        String html = CaseDescription.of(hostile, "Support", file -> false);
        assertTrue(html.contains("Name: &lt;b&gt;x&lt;/b&gt;<br>\n"), html);
        assertTrue(html.contains("Organisation: A &amp; B &lt;i&gt;<br>\n"), html);
        assertTrue(html.contains("- &lt;img src=x onerror=alert(1)&gt;.txt (10 B)<br>\n"), html);
        assertTrue(
                html.endsWith("Description:<br>\n&lt;script&gt;alert(1)&lt;/script&gt;<br>\nline &amp; "
                        + "&lt;b&gt;x&lt;/b&gt;<br>\nlast"),
                html);
        assertFalse(html.contains("<script") || html.contains("<b>") || html.contains("<img"), html);
    }

    @Test
    void theMessageBodyIsTheVisitorsTextEscapedWithItsLineBreaks() {
        assertEquals(
                "&lt;script&gt;alert(1)&lt;/script&gt;<br>\n&lt;b&gt;x&lt;/b&gt; &amp;amp;<br>\n<br>\nend",
                CaseDescription.messageBody("  <script>alert(1)</script>\r\n<b>x</b> &amp;\n\nend\n"));
        assertEquals("plain text", CaseDescription.messageBody("plain text"));
        assertEquals("", CaseDescription.messageBody(null));
    }
}
