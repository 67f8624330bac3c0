package io.casegate.feedback.boundary;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.casegate.testing.ApiClient;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.CrmInspector;
import io.casegate.testing.NoScriptForm;
import io.casegate.testing.NoScriptForm.FilePart;

/**
 * File names through the REST intake, each sent byte for byte the way a family of clients sends it,
 * and read back where people see them: the CRM's file record (CaseFile Name, or for a link its
 * Notes), the case description, and the {@code /files} download of a file sent as a link.
 * Casegate runs in a process of its own, so that {@code .zip} files become links.
 */
class FileNamesIT {

    static final String API_KEY = "file-names-it";

    /** Names in several scripts, with quotes and semicolons, and one of exactly 255 characters. */
    static final List<String> NAMES = List.of(
            "акт.pdf",
            "Πρακτικό συνάντησης.txt",
            "报告 2026 年.txt",
            "تقرير المبيعات.txt",
            "скриншот 😀 экрана.png",
            "акт \"сверки\"; итог.txt",
            "я".repeat(251) + ".txt",
            "report-2026.txt",
            "архив «Q1»; \"итог\" 😀.zip");

    static final List<String> ASCII_NAMES =
            List.of("report-2026.txt", "notes; v2 \"final\".txt", "x".repeat(251) + ".txt", "data (1).zip");

    static CasegateProcess casegate;

    @BeforeAll
    static void start() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("casegate.data.dir", "target/it-data/file-names-" + UUID.randomUUID());
        settings.put("casegate.sandbox.enabled", "true");
        settings.put("casegate.api.keys", API_KEY);
        settings.put("casegate.crm.external-file-types", "zip");
        settings.put("casegate.delivery.poll-interval", "PT1S");
        casegate = CasegateProcess.start("file-names", "casegate", settings, "index.xhtml");
    }

    @AfterAll
    static void stop() {
        if (casegate != null) {
            casegate.close();
        }
    }

    /** Browsers, Python requests and httpx, curl -F, PHP cURL, OkHttp: raw UTF-8, with {@code "} as %22. */
    @Test
    void rawUtf8InFilenameAsBrowsersPythonCurlAndPhpSendIt() {
        assertNamesArrive("raw", NAMES, name -> "filename=\"" + name.replace("\"", "%22") + "\"");
    }

    /** Java's and .NET's clients: RFC 5987 {@code filename*=UTF-8''…}. */
    @Test
    void rfc5987FilenameStarAsJavaAndDotNetClientsSendIt() {
        assertNamesArrive("star", NAMES, name -> "filename*=UTF-8''" + rfc5987(name));
    }

    /** Both parameters, as .NET's MultipartFormDataContent sends them: the {@code filename*} wins. */
    @Test
    void bothAtOnceTheStarWins() {
        assertNamesArrive(
                "both",
                NAMES,
                name -> "filename=\"fallback." + name.substring(name.lastIndexOf('.') + 1) + "\"; filename*=utf-8''"
                        + rfc5987(name));
        assertNamesArrive(
                "dotnet",
                List.of("акт.pdf", "скриншот 😀 экрана.png"),
                name -> "filename=\"=?utf-8?B?"
                        + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8))
                        + "?=\"; filename*=utf-8''"
                        + rfc5987(name));
    }

    @Test
    void plainAsciiNames() {
        assertNamesArrive("ascii", ASCII_NAMES, name -> "filename=\"" + name.replace("\"", "%22") + "\"");
    }

    /** Bytes that are no UTF-8 (a legacy site in windows-1251): accepted, visibly damaged, the extension kept. */
    @Test
    void aNameThatIsNotUtf8IsAcceptedWithReplacementCharacters() {
        String tag = "cp1251-" + UUID.randomUUID();
        byte[] header = "filename=\"акт.pdf\"".getBytes(java.nio.charset.Charset.forName("windows-1251"));
        HttpResponse<String> answer = post(tag, List.of(header), List.of("content".getBytes(StandardCharsets.UTF_8)));
        assertEquals(202, answer.statusCode(), answer.body());
        JsonObject delivered = awaitCase(reference(answer), 1);
        List<JsonObject> files = files(delivered);
        assertEquals("\uFFFD\uFFFD\uFFFD.pdf", files.get(0).getString("Name"));
    }

    /** Longer than the 255 characters that are kept (this failed as 503 before): shortened before the extension. */
    @Test
    void aNameLongerThan255CharactersIsShortenedNotRefused() {
        String tag = "long-" + UUID.randomUUID();
        String name = "отчёт ".repeat(60) + "итог.pdf";
        HttpResponse<String> answer = post(
                tag,
                List.of(("filename=\"" + name + "\"").getBytes(StandardCharsets.UTF_8)),
                List.of("content".getBytes(StandardCharsets.UTF_8)));
        assertEquals(202, answer.statusCode(), answer.body());
        String stored = files(awaitCase(reference(answer), 1)).get(0).getString("Name");
        assertEquals(255, stored.length(), stored);
        assertTrue(stored.endsWith(".pdf") && name.startsWith(stored.substring(0, 250)), stored);
    }

    /**
     * The form reads names with the same code: posted as a browser without JavaScript posts it, with
     * the file parts' headers written byte for byte.
     */
    @Test
    void theFormReadsEveryEncodingAsTheApiDoes() {
        assertNamesArriveThroughTheForm("form-raw", name -> "filename=\"" + name.replace("\"", "%22") + "\"");
        // Payara's servlet parser takes a part without filename= for a text field, so filename* reaches
        // the form only next to one (browsers always send filename=); then it wins there too.
        assertNamesArriveThroughTheForm(
                "form-both",
                name -> "filename=\"fallback." + name.substring(name.lastIndexOf('.') + 1) + "\"; filename*=UTF-8''"
                        + rfc5987(name));
    }

    private void assertNamesArriveThroughTheForm(String style, Function<String, String> parameter) {
        String tag = style + "-" + UUID.randomUUID();
        HttpResponse<String> answer = postForm(tag, fileHeaders(NAMES, parameter), contents(NAMES));
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("id=\"sent-dialog\""), answer.body());
        JsonObject sent = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> crm().rows("Case", "Id,Number,Symptoms", "contains(Subject,'" + tag + "')"),
                        found -> found.size() == 1)
                .get(0);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> files(sent).size() == NAMES.size());
        assertNamesIn(
                style,
                NAMES,
                crm().rows("Case", "Id,Number,Symptoms", "Id eq " + sent.getString("Id"))
                        .get(0));
    }

    private static List<byte[]> fileHeaders(List<String> names, Function<String, String> parameter) {
        return names.stream()
                .map(name -> parameter.apply(name).getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    private static List<byte[]> contents(List<String> names) {
        return names.stream()
                .map(name -> ("the file " + name).getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    private void assertNamesArrive(String style, List<String> names, Function<String, String> parameter) {
        String tag = style + "-" + UUID.randomUUID();
        HttpResponse<String> answer = post(tag, fileHeaders(names, parameter), contents(names));
        assertEquals(202, answer.statusCode(), answer.body());
        assertNamesIn(style, names, awaitCase(reference(answer), names.size()));
    }

    private void assertNamesIn(String style, List<String> names, JsonObject delivered) {

        List<JsonObject> files = files(delivered);
        String description = delivered.getString("Symptoms");
        for (String name : names) {
            assertTrue(description.contains("- " + name + " ("), style + ": " + name + " in\n" + description);
            if (name.endsWith(".zip")) {
                JsonObject link = files.stream()
                        .filter(file -> name.equals(file.getString("Notes", "")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(style + ": no link named " + name + " in " + files));
                assertDownload(
                        URI.create(link.getString("Name")),
                        name,
                        ("the file " + name).getBytes(StandardCharsets.UTF_8));
            } else {
                assertTrue(
                        files.stream().anyMatch(file -> name.equals(file.getString("Name"))),
                        style + ": no CaseFile named " + name + " in " + files);
            }
        }
    }

    /** The download names the exact file in filename*, and gives an ASCII fallback. */
    private static void assertDownload(URI url, String name, byte[] content) {
        try {
            HttpResponse<byte[]> download = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, download.statusCode());
            assertArrayEquals(content, download.body());
            String disposition =
                    download.headers().firstValue("Content-Disposition").orElseThrow();
            Matcher star = Pattern.compile("filename\\*=UTF-8''([^;\\s]+)").matcher(disposition);
            assertTrue(star.find(), disposition);
            assertEquals(
                    name, URLDecoder.decode(star.group(1).replace("+", "%2B"), StandardCharsets.UTF_8), disposition);
            Matcher fallback = Pattern.compile("filename=\"([^\"]*)\"").matcher(disposition);
            assertTrue(fallback.find(), disposition);
            assertTrue(fallback.group(1).chars().allMatch(c -> c >= 0x20 && c < 0x7f), disposition);
            assertTrue(fallback.group(1).endsWith(".zip"), disposition);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A multipart request built byte for byte: the text fields, then one file part per header parameter. */
    private static HttpResponse<String> post(String tag, List<byte[]> fileParameters, List<byte[]> contents) {
        String boundary = "----casegate" + UUID.randomUUID();
        byte[] body = NoScriptForm.multipart(
                boundary,
                ApiClient.validFields(
                        tag, tag.substring(0, Math.min(tag.length(), 20)) + "@example.ru", "ООО Имена " + tag),
                "files",
                fileParts(fileParameters, contents));
        return NoScriptForm.send(
                HttpClient.newHttpClient(),
                HttpRequest.newBuilder(casegate.url("api/v1/submissions"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("X-Api-Key", API_KEY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** The form, as a browser without JavaScript posts it: the page first (session and view state), then the multipart POST. */
    private static HttpResponse<String> postForm(String tag, List<byte[]> fileParameters, List<byte[]> contents) {
        return NoScriptForm.open(casegate.url("index.xhtml"), tag, "form@example.ru", "ООО Форма " + tag)
                .post(fileParts(fileParameters, contents));
    }

    private static List<FilePart> fileParts(List<byte[]> fileParameters, List<byte[]> contents) {
        List<FilePart> parts = new ArrayList<>();
        for (int i = 0; i < fileParameters.size(); i++) {
            parts.add(new FilePart(fileParameters.get(i), "application/octet-stream", contents.get(i)));
        }
        return parts;
    }

    private static String reference(HttpResponse<String> answer) {
        return Json.createReader(new java.io.StringReader(answer.body()))
                .readObject()
                .getString("reference");
    }

    /** The case, once it holds all {@code fileCount} file records. */
    private static JsonObject awaitCase(String reference, int fileCount) {
        ApiClient api = new ApiClient(casegate.url("api/"), API_KEY);
        String number = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.status(reference).text("caseNumber"), found -> found != null);
        JsonObject found = crm().rows("Case", "Id,Number,Symptoms", "Number eq '" + number + "'")
                .get(0);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> files(found).size() == fileCount);
        return found;
    }

    private static List<JsonObject> files(JsonObject found) {
        return crm().rows("CaseFile", "Id,Name,Notes,TypeId", "Case/Id eq " + found.getString("Id"));
    }

    private static CrmInspector crm() {
        return new CrmInspector(casegate.url("sandbox/"));
    }

    static String rfc5987(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }
}
