package io.casegate.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** A site's server posting to Casegate's REST intake: multipart requests, as curl would send them. */
public final class ApiClient {

    /** One answer of the API: status, media type and the JSON body. */
    public record Answer(int status, String contentType, JsonObject json, String body) {
        public String text(String name) {
            return json == null || json.isNull(name) ? null : json.getString(name);
        }
    }

    private final URI api;
    private final String apiKey;
    private final HttpClient http;

    /** @param api the URI of {@code /api/} */
    public ApiClient(URI api, String apiKey) {
        this(
                api,
                apiKey,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** The same over a client of the caller's, e.g. one HTTP/1.1 client shared by many load threads. */
    public ApiClient(URI api, String apiKey, HttpClient http) {
        this.api = api;
        this.apiKey = apiKey;
        this.http = http;
    }

    /** A valid submission's fields; {@code tag} goes into the subject so that tests can find their cases. */
    public static Map<String, String> validFields(String tag, String email, String organisation) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "Иванов Иван Иванович");
        fields.put("email", email);
        fields.put("phone", "8 (912) 345-67-89");
        fields.put("organisation", organisation);
        fields.put("inn", "7707083893");
        fields.put("service", "Кассовое ПО");
        fields.put("subject", "Не работает вход " + tag);
        fields.put("description", "После обновления не открывается личный кабинет.");
        fields.put("consent", "true");
        return fields;
    }

    /** A valid submission of a visitor of their own: e-mail, phone, organisation and INN that no other visitor has. */
    public static Map<String, String> distinctVisitor(String tag) {
        return distinctVisitor(tag, ThreadLocalRandom.current());
    }

    /** The same, phone and INN drawn from {@code random}: the same seed gives the same visitor again, as one who returns. */
    public static Map<String, String> distinctVisitor(String tag, RandomGenerator random) {
        Map<String, String> fields = validFields(tag, tag + "@example.ru", "ООО Организация " + tag);
        fields.put("phone", "+7 9" + String.format("%09d", random.nextLong(1_000_000_000L)));
        fields.put("inn", legalEntityInn(String.format("%09d", random.nextLong(1_000_000_000L))));
        return fields;
    }

    /** A legal entity's INN: nine digits and their check digit. */
    public static String legalEntityInn(String nineDigits) {
        int[] weights = {2, 4, 10, 3, 5, 9, 4, 6, 8};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += weights[i] * (nineDigits.charAt(i) - '0');
        }
        return nineDigits + (sum % 11 % 10);
    }

    public Answer submit(
            Map<String, String> fields, Map<String, byte[]> files, String idempotencyKey, String acceptLanguage) {
        String boundary = "casegate-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(
                body,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                        + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + value + "\r\n"));
        files.forEach((fileName, content) -> {
            write(
                    body,
                    "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + fileName
                            + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            body.writeBytes(content);
            write(body, "\r\n");
        });
        write(body, "--" + boundary + "--\r\n");
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve("v1/submissions"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        return send(request, idempotencyKey, acceptLanguage);
    }

    public Answer submit(Map<String, String> fields) {
        return submit(
                fields, Map.of("screenshot.png", "not really a png".getBytes(StandardCharsets.UTF_8)), null, null);
    }

    /** A submission with one file of {@code size} generated bytes, sent as it is produced: a large upload held in no memory. */
    public Answer submitGenerated(Map<String, String> fields, String fileName, long size) {
        String boundary = "casegate-" + UUID.randomUUID();
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve("v1/submissions"))
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(multipartWithGeneratedFile(boundary, fields, "files", fileName, size));
        return send(request, null, null);
    }

    /**
     * A multipart body of text fields and one file part named {@code fileField} whose {@code size}
     * bytes come from {@link SampleFiles#generated(long)} while the body is sent, for uploads too large
     * to build in memory (through the API or a form).
     */
    public static HttpRequest.BodyPublisher multipartWithGeneratedFile(
            String boundary, Map<String, String> fields, String fileField, String fileName, long size) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(
                head,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                        + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + value + "\r\n"));
        write(
                head,
                "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                        + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        byte[] headBytes = head.toByteArray();
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                        new SequenceInputStream(new ByteArrayInputStream(headBytes), SampleFiles.generated(size)),
                        new ByteArrayInputStream(tail))),
                headBytes.length + size + tail.length);
    }

    public Answer status(String reference) {
        return send(
                HttpRequest.newBuilder(api.resolve("v1/submissions/" + reference))
                        .timeout(Duration.ofSeconds(30))
                        .GET(),
                null,
                null);
    }

    private Answer send(HttpRequest.Builder request, String idempotencyKey, String acceptLanguage) {
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonObject json = null;
            if (type.contains("json") && !response.body().isBlank()) {
                json = Json.createReader(new StringReader(response.body())).readObject();
            }
            return new Answer(response.statusCode(), type, json, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
