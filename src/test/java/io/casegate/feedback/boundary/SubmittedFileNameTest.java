package io.casegate.feedback.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.casegate.feedback.boundary.SubmittedFileName.HeaderText;

/**
 * The header as each container hands it over: Jersey's reader gives one ISO-8859-1 character per
 * byte ({@link HeaderText#OCTETS}), the servlet container the UTF-8 text ({@link HeaderText#DECODED}).
 */
class SubmittedFileNameTest {

    static final String[] NAMES = {
        "акт.pdf",
        "Πρακτικό συνάντησης.docx",
        "报告 2026 年.xlsx",
        "تقرير.pdf",
        "скриншот 😀 экрана.png",
        "акт \"сверки\"; итог.pdf",
        "report.pdf",
        "a%20b.txt",
    };

    /** How the bytes of a header reach the API: each byte a character. */
    static String asOctets(String header) {
        return new String(header.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** A browser's, Python requests', httpx's or curl's filename="…": raw UTF-8 with ", CR, LF percent-escaped. */
    static String whatwg(String name) {
        return "form-data; name=\"files\"; filename=\""
                + name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A") + "\"";
    }

    static String rfc5987(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }

    @Test
    void rawUtf8InFilenameArrivesExactlyThroughEitherContainer() {
        for (String name : NAMES) {
            assertEquals(name, SubmittedFileName.of(asOctets(whatwg(name)), HeaderText.OCTETS), name);
            assertEquals(name, SubmittedFileName.of(whatwg(name), HeaderText.DECODED), name);
        }
    }

    @Test
    void rfc5987FilenameStarArrivesExactly() {
        for (String name : NAMES) {
            String header = "form-data; name=\"files\"; filename*=UTF-8''" + rfc5987(name);
            assertEquals(name, SubmittedFileName.of(header, HeaderText.OCTETS), name);
            assertEquals(name, SubmittedFileName.of(header, HeaderText.DECODED), name);
        }
        assertEquals(
                "café.txt", SubmittedFileName.of("attachment; filename*=iso-8859-1'fr'caf%E9.txt", HeaderText.OCTETS));
        assertEquals(
                "акт.pdf",
                SubmittedFileName.of("form-data; filename*=\"utf-8''%D0%B0%D0%BA%D1%82.pdf\"", HeaderText.OCTETS));
    }

    @Test
    void filenameStarWinsOverFilenameInEitherOrder() {
        String name = "акт \"сверки\"; итог.pdf";
        String star = "filename*=UTF-8''" + rfc5987(name);
        assertEquals(
                name,
                SubmittedFileName.of("form-data; name=\"files\"; filename=\"akt.pdf\"; " + star, HeaderText.OCTETS));
        assertEquals(
                name,
                SubmittedFileName.of(
                        "form-data; name=\"files\"; " + star + "; filename=\"akt.pdf\"", HeaderText.OCTETS));
    }

    @Test
    void dotNetSendsAnEncodedWordAndFilenameStarAndEitherIsRead() {
        // .NET's MultipartFormDataContent: filename="=?utf-8?B?…?="; filename*=utf-8''…
        String name = "акт.pdf";
        String base64 = java.util.Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8));
        assertEquals(
                name,
                SubmittedFileName.of(
                        "form-data; name=files; filename=\"=?utf-8?B?" + base64 + "?=\"; filename*=utf-8''"
                                + rfc5987(name),
                        HeaderText.OCTETS));
        assertEquals(
                name,
                SubmittedFileName.of(
                        "form-data; name=files; filename=\"=?utf-8?B?" + base64 + "?=\"", HeaderText.OCTETS));
        assertEquals(
                "акт 1.pdf",
                SubmittedFileName.of(
                        "form-data; name=files; filename=\"=?UTF-8?Q?=D0=B0=D0=BA=D1=82_1.pdf?=\"", HeaderText.OCTETS));
    }

    @Test
    void rfc2231ContinuationsAreJoined() {
        assertEquals(
                "очень длинное имя.pdf",
                SubmittedFileName.of(
                        "form-data; name=\"files\"; filename*1*=" + rfc5987("длинное имя.pdf") + "; filename*0*=UTF-8''"
                                + rfc5987("очень "),
                        HeaderText.OCTETS));
    }

    @Test
    void backslashEscapesOfOlderCurlAndWindowsPathsOfOldBrowsers() {
        assertEquals(
                "a\"b.txt",
                SubmittedFileName.of("form-data; name=\"files\"; filename=\"a\\\"b.txt\"", HeaderText.OCTETS));
        assertEquals(
                "чек.txt",
                SubmittedFileName.of(
                        asOctets("form-data; name=\"files\"; filename=\"C:\\Users\\ivanov\\чек.txt\""),
                        HeaderText.OCTETS));
        assertEquals(
                "plain.txt", SubmittedFileName.of("form-data; name=files; filename=plain.txt", HeaderText.DECODED));
    }

    @ParameterizedTest
    @CsvSource({"windows-1251, акт.pdf, ���.pdf", "ISO-8859-1, résumé.pdf, r�sum�.pdf"})
    void bytesThatAreNotUtf8BecomeReplacementCharactersAsInTheFormAndTheExtensionSurvives(
            String legacy, String name, String read) {
        byte[] bytes = ("form-data; name=\"files\"; filename=\"" + name + "\"").getBytes(Charset.forName(legacy));
        assertEquals(read, SubmittedFileName.of(new String(bytes, StandardCharsets.ISO_8859_1), HeaderText.OCTETS));
        // What Payara's servlet parser makes of the same bytes for the form.
        assertEquals(read, SubmittedFileName.of(new String(bytes, StandardCharsets.UTF_8), HeaderText.DECODED));
    }

    @Test
    void aMissingHeaderOrNameIsEmptyAndBrokenHeadersDoNotFail() {
        assertEquals("", SubmittedFileName.of(null, HeaderText.OCTETS));
        assertEquals("", SubmittedFileName.of("form-data; name=\"files\"", HeaderText.OCTETS));
        assertEquals("", SubmittedFileName.of("form-data; name=\"files\"; filename=\"", HeaderText.OCTETS));
        assertEquals("a.pdf", SubmittedFileName.of("form-data; name=\"files\"; filename=\"a.pdf", HeaderText.OCTETS));
        assertEquals("x%zz.pdf", SubmittedFileName.of("form-data; filename*=UTF-8''x%zz.pdf", HeaderText.OCTETS));
        assertEquals(
                "b.pdf",
                SubmittedFileName.of("form-data;;; filename ; filename*=''; filename=b.pdf", HeaderText.OCTETS));
        assertEquals("a.pdf", SubmittedFileName.of("form-data; filename=\"a\r\n.pdf\"", HeaderText.DECODED));
    }

    @Test
    void aNameOf255CharactersArrivesWholeAndALongerOneIsShortenedBeforeItsExtension() {
        String exact = "я".repeat(251) + ".pdf";
        assertEquals(exact, SubmittedFileName.of(asOctets(whatwg(exact)), HeaderText.OCTETS));
        String longer = "я".repeat(400) + ".pdf";
        String shortened = SubmittedFileName.of(asOctets(whatwg(longer)), HeaderText.OCTETS);
        assertEquals(255, shortened.length());
        assertTrue(shortened.endsWith("я.pdf"), shortened);
        String emoji = "😀".repeat(200) + ".png";
        String cut = SubmittedFileName.shortened(emoji);
        assertTrue(cut.length() <= 255 && cut.endsWith("😀.png"), cut);
    }
}
