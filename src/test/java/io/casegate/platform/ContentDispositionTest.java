package io.casegate.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void theExactNameGoesAsFilenameStarWithAnAsciiFallback() {
        assertEquals(
                "attachment; filename=\"___ ________ 100_; *x'.pdf\"; filename*=UTF-8''%D0%B0%D0%BA%D1%82%20%22%D1%81%D0%B2%D0%B5%D1%80%D0%BA%D0%B8%22%20100%25%3B%20%2Ax%27.pdf",
                ContentDisposition.attachment("акт \"сверки\" 100%; *x'.pdf"));
        assertEquals(
                "attachment; filename=\"report_2026.pdf\"; filename*=UTF-8''report_2026.pdf",
                ContentDisposition.attachment("report_2026.pdf"));
        assertEquals(
                "attachment; filename=\"_.png\"; filename*=UTF-8''%F0%9F%98%80.png",
                ContentDisposition.attachment("😀.png"));
    }
}
