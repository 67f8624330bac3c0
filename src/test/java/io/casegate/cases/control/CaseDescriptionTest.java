package io.casegate.cases.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
                Номер заявки на сайте: WEB-2026-000042
                Имя: Шон О'Брайен
                E-mail: sean@example.ru
                Телефон: +79161234567
                Организация: ООО "Ромашка"
                ИНН: 7707083893
                Коммерческий сервис: АТОЛ Онлайн
                Тема обращения: Касса не печатает чек
                Файлы:
                - чек.pdf (1,5 КБ)
                - video.mp4 (15 МБ), во внешнем хранилище
                Описание:
                Строка один
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
                Website request number: WEB-2026-000043
                Name: Sean
                E-mail: s@example.com
                Phone: —
                Organisation: Acme
                INN (taxpayer number): —
                Commercial service: Support
                Subject: Subject
                Files:
                - a.txt (10 B)
                Description:
                Text""", CaseDescription.of(english, "Support", file -> false));
    }
}
