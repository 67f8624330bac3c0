package io.casegate.feedback.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.NoScriptForm;
import io.casegate.testing.NoScriptForm.FilePart;
import io.casegate.testing.SampleFiles;

/**
 * Issue 14, "Bodies are limited before they are read": oversized, chunked, keyless and many-part
 * requests to the form and the API, sent over a plain socket so that the test sees how much of the
 * body the server took before it answered, and what it left on disk; and values longer than their
 * columns, which are refused or cut but never answered 503.
 */
class BodyLimitsIT {

    static final String API_KEY = "body-limits-it";
    static final long MB = 1024L * 1024L;
    /** The body sent to be refused: far beyond the limit (4 MB of files plus 1 MB for the fields). */
    static final long HUGE = 200 * MB;
    /** What may have left the client before the answer: socket buffers, never most of the body. */
    static final long SENT_BEFORE_ANSWER_MAX = 40 * MB;

    static CasegateProcess casegate;
    static Path dataDir;
    static Path tmpDir;

    @BeforeAll
    static void start() throws IOException {
        String run = UUID.randomUUID().toString();
        dataDir = Path.of("target", "it-data", "body-limits-" + run).toAbsolutePath();
        tmpDir = Files.createDirectories(Path.of("target", "it-tmp", "body-limits-" + run))
                .toAbsolutePath();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("casegate.data.dir", dataDir.toString());
        settings.put("casegate.api.keys", API_KEY);
        settings.put("casegate.sandbox.enabled", "true");
        settings.put("casegate.files.max-count", "3");
        settings.put("casegate.files.max-file-size-mb", "2");
        settings.put("casegate.files.max-total-size-mb", "4");
        settings.put("java.io.tmpdir", tmpDir.toString());
        casegate = CasegateProcess.start("body-limits", "casegate", settings, "index.xhtml");
    }

    @AfterAll
    static void stop() {
        if (casegate != null) {
            casegate.close();
        }
    }

    @Test
    void aHugeFormIsRefusedFromItsLengthAndLeavesNothingOnDisk() {
        long before = bytesOnDisk();
        Exchange answer = rawPost(
                "index.xhtml",
                Map.of("Content-Type", "multipart/form-data; boundary=xyz", "Accept-Language", "ru"),
                multipartHead("xyz", "feedback:files"),
                HUGE,
                false);
        assertEquals(413, answer.status(), answer.toString());
        assertTrue(answer.body().contains("не более 4 МБ"), answer.body());
        assertAnsweredEarly(answer);
        assertNothingLeftOnDisk(before);
    }

    @Test
    void aHugeApiRequestIsRefusedFromItsLength() {
        long before = bytesOnDisk();
        Exchange answer = rawPost(
                "api/v1/submissions",
                Map.of("Content-Type", "multipart/form-data; boundary=xyz", "X-Api-Key", API_KEY),
                multipartHead("xyz", "files"),
                HUGE,
                false);
        assertEquals(413, answer.status(), answer.toString());
        assertTrue(answer.head().contains("application/problem+json"), answer.head());
        assertAnsweredEarly(answer);
        assertNothingLeftOnDisk(before);
    }

    @Test
    void aChunkedApiRequestIsCutAtTheLimit() {
        long before = bytesOnDisk();
        Exchange answer = rawPost(
                "api/v1/submissions",
                Map.of("Content-Type", "multipart/form-data; boundary=xyz", "X-Api-Key", API_KEY),
                multipartHead("xyz", "files"),
                HUGE,
                true);
        assertEquals(413, answer.status(), answer.toString());
        assertTrue(answer.body().contains("Запрос слишком велик"), answer.body());
        assertAnsweredEarly(answer);
        assertNothingLeftOnDisk(before);
    }

    @Test
    void aChunkedFormIsRefusedBeforeItIsRead() {
        long before = bytesOnDisk();
        Exchange answer = rawPost(
                "index.xhtml",
                Map.of("Content-Type", "multipart/form-data; boundary=xyz", "Accept-Language", "en"),
                multipartHead("xyz", "feedback:files"),
                HUGE,
                true);
        assertEquals(411, answer.status(), answer.toString());
        assertTrue(answer.body().contains("did not give the size"), answer.body());
        assertAnsweredEarly(answer);
        assertNothingLeftOnDisk(before);
    }

    @Test
    void aHugeBodyWithoutAnApiKeyIs401BeforeItIsRead() {
        for (Map<String, String> key : List.of(Map.<String, String>of(), Map.of("X-Api-Key", "wrong"))) {
            Map<String, String> headers = new LinkedHashMap<>(key);
            headers.put("Content-Type", "multipart/form-data; boundary=xyz");
            // A length within the limit: the key, not the size, must be what stops it.
            Exchange answer = rawPost("api/v1/submissions", headers, multipartHead("xyz", "files"), 3 * MB, false);
            assertEquals(401, answer.status(), answer.toString());
            assertTrue(answer.head().contains("WWW-Authenticate"), answer.head());
            Exchange huge = rawPost("api/v1/submissions", headers, multipartHead("xyz", "files"), HUGE, true);
            assertEquals(401, huge.status(), huge.toString());
            assertAnsweredEarly(huge);
        }
    }

    @Test
    void tooManyPartsAreRefused() {
        Map<String, String> fields =
                new LinkedHashMap<>(ApiClient.validFields("parts", "parts@example.ru", "ООО Части"));
        for (int i = 0; i < 60; i++) {
            fields.put("extra" + i, "x");
        }
        Answer api = new ApiClient(casegate.url("api/"), API_KEY).submit(fields);
        assertEquals(413, api.status(), api.body());
        assertTrue(api.body().contains("слишком много частей"), api.body());

        StringBuilder form = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            form.append("--xyz\r\nContent-Disposition: form-data; name=\"feedback:x")
                    .append(i)
                    .append("\"\r\n\r\nx\r\n");
        }
        form.append("--xyz--\r\n");
        byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> page = NoScriptForm.send(
                HttpClient.newHttpClient(),
                HttpRequest.newBuilder(casegate.url("index.xhtml"))
                        .header("Content-Type", "multipart/form-data; boundary=xyz")
                        .header("Accept-Language", "ru-RU,ru;q=0.9")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(413, page.statusCode(), page.body());
        assertTrue(page.body().contains("можно прикрепить не более 3 файлов"), page.body());
    }

    @Test
    void valuesLongerThanTheirColumnsAreRefusedOrCutNever503() {
        ApiClient api = new ApiClient(casegate.url("api/"), API_KEY);
        Map<String, String> fields = ApiClient.validFields("long ip", "long-ip@example.ru", "ООО Длинные");
        fields.put("visitorIp", "1".repeat(100));
        fields.put("consentTextVersion", "v".repeat(200));
        Answer refused = api.submit(fields);
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("visitorIp"), refused.body());
        assertTrue(refused.body().contains("consentTextVersion"), refused.body());
        assertTrue(refused.body().contains("Не более 64 символов"), refused.body());

        // A file name is shortened to its column, keeping its extension (SubmittedFileName).
        Answer longName = api.submit(
                ApiClient.validFields("long name", "long-name@example.ru", "ООО Длинные"),
                Map.of("a".repeat(300) + ".txt", "text".getBytes(StandardCharsets.UTF_8)),
                null,
                null);
        assertEquals(202, longName.status(), longName.body());

        Map<String, String> longPhone = ApiClient.validFields("long phone", "long-phone@example.ru", "ООО Длинные");
        longPhone.put("phone", "8 (912) 345-67-89" + " ".repeat(200));
        longPhone.put("service", "s".repeat(300));
        Answer phone = api.submit(longPhone);
        assertEquals(400, phone.status(), phone.body());

        // The user agent only helps support: it is cut to its column, and the submission accepted.
        Map<String, String> agent = ApiClient.validFields("long agent", "long-agent@example.ru", "ООО Длинные");
        agent.put("visitorUserAgent", "Mozilla/5.0 " + "x".repeat(5000));
        Answer accepted = api.submit(agent);
        assertEquals(202, accepted.status(), accepted.body());
        assertEquals(200, api.status(accepted.text("reference")).status());
    }

    @Test
    void aNormalSubmissionStillGoesThrough() {
        HttpResponse<String> form = postForm("акт.pdf");
        assertEquals(200, form.statusCode(), form.body());
        assertTrue(form.body().contains("id=\"sent-dialog\""), form.body());
        HttpResponse<String> longName = postForm("b".repeat(300) + ".pdf");
        assertEquals(200, longName.statusCode(), longName.body());
        assertTrue(longName.body().contains("id=\"sent-dialog\""), longName.body());

        Answer api = new ApiClient(casegate.url("api/"), API_KEY)
                .submit(
                        ApiClient.validFields("normal", "normal@example.ru", "ООО Обычная"),
                        Map.of("screenshot.png", SampleFiles.randomBytes((int) (3 * MB / 2), 7)),
                        null,
                        null);
        assertEquals(202, api.status(), api.body());
    }

    private static void assertAnsweredEarly(Exchange answer) {
        assertTrue(answer.millis() < 5_000, "answered after " + answer.millis() + " ms");
        assertTrue(
                answer.sentBeforeAnswer() < SENT_BEFORE_ANSWER_MAX,
                "the client had sent " + answer.sentBeforeAnswer() + " bytes before the answer");
        assertNotEquals(HUGE, answer.sentTotal(), "the server read the whole body");
    }

    /** The bytes in the server's work, temporary and data directories, without logs. */
    private static long bytesOnDisk() {
        long total = 0;
        for (Path directory : List.of(rootDir(), tmpDir, dataDir)) {
            if (!Files.exists(directory)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(directory)) {
                total += files.filter(Files::isRegularFile)
                        .filter(file -> !file.getFileName().toString().endsWith(".log"))
                        .mapToLong(BodyLimitsIT::size)
                        .sum();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    private static void assertNothingLeftOnDisk(long before) {
        long grown = bytesOnDisk() - before;
        assertTrue(grown < MB, "the server's directories grew by " + grown + " bytes");
        for (Path directory : List.of(rootDir(), tmpDir)) {
            try (Stream<Path> files = Files.walk(directory)) {
                List<Path> uploads = files.filter(file -> {
                            String name = file.getFileName().toString();
                            return name.startsWith("upload_") || name.startsWith("MIME");
                        })
                        .toList();
                assertEquals(List.of(), uploads);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return 0;
        }
    }

    /** The Payara Micro root directory of this test's process (CasegateProcess makes one per start). */
    private static Path rootDir() {
        try (Stream<Path> roots = Files.list(Path.of("target", "it-payara"))) {
            return roots.filter(root -> root.getFileName().toString().startsWith("body-limits-"))
                    .max(Comparator.comparing(root -> root.toFile().lastModified()))
                    .orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] multipartHead(String boundary, String fileField) {
        return ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                        + "\"; filename=\"huge.pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** What the server answered, when, and how much of the body had left the client by then. */
    record Exchange(int status, String head, String body, long millis, long sentBeforeAnswer, long sentTotal) {
        @Override
        public String toString() {
            return status + " after " + millis + " ms, " + sentBeforeAnswer + " bytes sent\n" + head + "\n" + body;
        }
    }

    /**
     * A POST over a plain socket: {@code head} and then {@code size} generated bytes, with a
     * Content-Length or chunked, written by a thread of its own while this one waits for the answer.
     */
    private static Exchange rawPost(String path, Map<String, String> headers, byte[] head, long size, boolean chunked) {
        URI url = casegate.url(path);
        AtomicLong sent = new AtomicLong();
        long started = System.nanoTime();
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("POST " + url.getRawPath() + " HTTP/1.1\r\n")
                    .append("Host: ")
                    .append(url.getHost())
                    .append(':')
                    .append(url.getPort())
                    .append("\r\n");
            headers.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            request.append(
                    chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + (head.length + size) + "\r\n");
            request.append("\r\n");
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread writer = new Thread(
                    () -> {
                        byte[] buffer = new byte[64 * 1024];
                        try (InputStream body =
                                new SequenceInputStream(new ByteArrayInputStream(head), SampleFiles.generated(size))) {
                            for (int n; (n = body.read(buffer)) > 0; ) {
                                if (chunked) {
                                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                                }
                                out.write(buffer, 0, n);
                                if (chunked) {
                                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                                }
                                sent.addAndGet(n);
                            }
                            if (chunked) {
                                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                            }
                            out.flush();
                        } catch (IOException closedByServer) {
                            // The server stopped reading: what this test wants to see.
                        }
                    },
                    "body-writer");
            writer.setDaemon(true);
            writer.start();
            InputStream in = socket.getInputStream();
            int first = in.read();
            long sentBeforeAnswer = sent.get();
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            if (first >= 0) {
                response.write(first);
                byte[] buffer = new byte[8192];
                try {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        response.write(buffer, 0, n);
                        if (complete(response.toString(StandardCharsets.UTF_8))) {
                            break;
                        }
                    }
                } catch (IOException resetAfterAnswer) {
                    // A server that closes while the client still sends may reset the connection.
                }
            }
            socket.close();
            writer.join(10_000);
            String text = response.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String responseHead = split < 0 ? text : text.substring(0, split);
            String responseBody = split < 0 ? "" : text.substring(split + 4);
            Matcher status = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(responseHead);
            Exchange exchange = new Exchange(
                    status.find() ? Integer.parseInt(status.group(1)) : -1,
                    responseHead,
                    responseBody,
                    millis,
                    sentBeforeAnswer,
                    sent.get());
            System.out.printf(
                    "%s %s (%s): %d after %d ms, %d bytes sent before the answer, %d in all%n",
                    path,
                    chunked ? "chunked" : "Content-Length " + (head.length + size),
                    !path.startsWith("api")
                            ? "the form"
                            : API_KEY.equals(headers.get("X-Api-Key")) ? "with the key" : "without a valid key",
                    exchange.status(),
                    millis,
                    sentBeforeAnswer,
                    sent.get());
            return exchange;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The response has its head and as much body as its Content-Length says. */
    private static boolean complete(String response) {
        int split = response.indexOf("\r\n\r\n");
        if (split < 0) {
            return false;
        }
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(response.substring(0, split));
        return length.find()
                && response.substring(split + 4).getBytes(StandardCharsets.UTF_8).length
                        >= Integer.parseInt(length.group(1));
    }

    /** The form as a browser without JavaScript posts it, with one small file of the given name. */
    private static HttpResponse<String> postForm(String fileName) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return NoScriptForm.open(casegate.url("index.xhtml"), tag, "form-" + tag + "@example.ru", "ООО Форма " + tag)
                .post(List.of(FilePart.smallPdf(fileName)));
    }
}
