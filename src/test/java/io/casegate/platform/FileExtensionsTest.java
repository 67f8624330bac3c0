package io.casegate.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class FileExtensionsTest {

    @Test
    void theMediaTypeFollowsFromTheExtensionInAnyCase() {
        assertEquals("application/pdf", FileExtensions.mediaType("акт.pdf"));
        assertEquals("application/pdf", FileExtensions.mediaType("АКТ.PDF"));
        assertEquals("image/jpeg", FileExtensions.mediaType("photo.JPEG"));
        assertEquals("image/jpeg", FileExtensions.mediaType("photo.jpg"));
        assertEquals("text/plain", FileExtensions.mediaType("server.log"));
        assertEquals(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                FileExtensions.mediaType("отчёт.xlsx"));
        assertEquals("application/zip", FileExtensions.mediaType("logs.tar.zip"));
    }

    @Test
    void everyDefaultAllowedExtensionHasAType() {
        for (String extension : FileExtensions.parse(
                "pdf,png,jpg,jpeg,gif,bmp,webp,txt,log,csv,xml,json,zip,7z,rar,doc,docx,xls,xlsx,odt,ods,rtf")) {
            String type = FileExtensions.mediaType("file." + extension);
            assertNotEquals(FileExtensions.UNKNOWN_TYPE, type, extension);
        }
    }

    @Test
    void anUnknownOrMissingExtensionIsBytesOfNoParticularType() {
        assertEquals("application/octet-stream", FileExtensions.mediaType("page.html.exe"));
        assertEquals("application/octet-stream", FileExtensions.mediaType("README"));
        assertEquals("application/octet-stream", FileExtensions.mediaType("archive."));
        assertEquals("application/octet-stream", FileExtensions.mediaType(""));
        assertEquals("application/octet-stream", FileExtensions.mediaType(null));
    }

    @Test
    void aNameThatLooksLikeAMarkupFileIsNeverServedAsMarkup() {
        assertEquals("application/octet-stream", FileExtensions.mediaType("x.html"));
        assertEquals("application/octet-stream", FileExtensions.mediaType("x.svg"));
        assertEquals("application/octet-stream", FileExtensions.mediaType("x.xhtml"));
    }
}
