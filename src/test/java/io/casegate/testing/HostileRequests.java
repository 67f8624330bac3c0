package io.casegate.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Malformed and hostile requests to the form and the REST API, generated from a fixed seed (the same
 * seed gives the same requests) and sent byte for byte over plain sockets, so that nothing between
 * the test and the server repairs them: broken multipart, invalid UTF-8, NUL bytes, huge and empty
 * parts, overlong fields and headers, wrong content types, JSON where multipart is expected,
 * OData-like and SQL-like text, path traversal in file names, hostile status lookups and garbage
 * that is not HTTP at all. Each kind is sent in turn, so every kind gets its share.
 */
public final class HostileRequests {

    /** How many requests the fuzz test sends. */
    public static final int COUNT = 420;

    /** What came back: requests sent, answers by status, and every answer that was a server error. */
    public record Report(int sent, Map<String, Integer> byStatus, List<String> serverErrors) {}

    /** One request: what it is, its bytes, and whether a well-behaved server must answer it. */
    record Hostile(String label, byte[] bytes, boolean mustAnswer) {}

    static final List<String> INJECTIONS = List.of(
            "' or 1 eq 1 or Name eq '",
            "x') or (Id ne null",
            "$filter=Name eq 'x'&$expand=Contact",
            "Case(guid'00000000-0000-0000-0000-000000000000')/Contact",
            "%27%20or%201%20eq%201",
            "'; DROP TABLE submission; --",
            "1' OR '1'='1",
            "\\'; DELETE FROM outbox_entry; --",
            "Robert'); DROP TABLE Students;--",
            "${jndi:ldap://127.0.0.1/x}",
            "#{7*7} ${7*7} <%= 7*7 %>",
            "<script>alert(1)</script>",
            "\" onmouseover=\"alert(1)",
            "{\"$where\": \"1 == 1\"}",
            "../../../../etc/passwd");

    static final List<String> TRAVERSALS = List.of(
            "../../../../etc/passwd.pdf",
            "..\\..\\..\\windows\\win.ini.txt",
            "/etc/passwd.txt",
            "C:\\x\\..\\..\\boot.ini.txt",
            "....//....//a.pdf",
            "%2e%2e%2f%2e%2e%2fa.pdf",
            "..%c0%af..%c0%afa.pdf",
            "a.pdf\u0000.html",
            "..",
            ".",
            "",
            "/",
            "a/../../b.png",
            "\\\\server\\share\\x.pdf",
            "CON.txt",
            ".htaccess",
            "WEB-INF/web.xml");

    private final CasegateProcess casegate;
    private final String apiKey;
    private final Random random;
    private final String host;
    private final int port;
    private final String root;
    private NoScriptForm form;
    private int formUses;

    public HostileRequests(CasegateProcess casegate, String apiKey, long seed) {
        this.casegate = casegate;
        this.apiKey = apiKey;
        this.random = new Random(seed);
        URI base = casegate.url("");
        this.host = base.getHost();
        this.port = base.getPort();
        this.root = base.getPath();
    }

    /** Sends {@code count} requests, kind after kind. */
    public Report run(int count) {
        List<Supplier<Hostile>> kinds = List.of(
                this::brokenMultipart,
                this::invalidUtf8,
                this::nulBytes,
                this::hugeOrEmptyParts,
                this::overlongFields,
                this::overlongHeaders,
                this::wrongContentType,
                this::jsonInsteadOfMultipart,
                this::injections,
                this::traversals,
                this::hostileLookups,
                this::notHttp);
        Map<String, Integer> byStatus = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        List<String> round = new ArrayList<>();
        boolean healthy = true;
        for (int i = 0; i < count; i++) {
            Hostile request = kinds.get(i % kinds.size()).get();
            String status = exchange(request);
            byStatus.merge(status, 1, Integer::sum);
            round.add(i + " " + request.label() + ": " + status);
            if (status.startsWith("5") || (request.mustAnswer() && !Character.isDigit(status.charAt(0)))) {
                serverErrors.add(i + " " + request.label() + ": " + status);
            }
            if (healthy && (i % kinds.size() == kinds.size() - 1 || i == count - 1)) {
                // After each round, a normal client (java.net.http, as the tests and many sites use) still gets
                // through.
                String probe = probe();
                if (!probe.isEmpty()) {
                    healthy = false;
                    serverErrors.add("a normal request after this round failed: " + probe + "; the round:\n  "
                            + String.join("\n  ", round));
                }
                round.clear();
            }
        }
        return new Report(count, byStatus, serverErrors);
    }

    // ---- the kinds

    Hostile brokenMultipart() {
        boolean api = random.nextBoolean();
        Map<String, byte[]> fields = fields(api);
        byte[] body = multipart("b0undary", fields, api, one(file("акт.pdf", "%PDF-1.4".getBytes(UTF_8))));
        String type = "multipart/form-data; boundary=b0undary";
        return switch (random.nextInt(7)) {
            case 0 -> post(api, "multipart without its closing boundary", type, cut(body, body.length - 12));
            case 1 -> post(api, "multipart with another boundary", "multipart/form-data; boundary=other", body);
            case 2 -> post(api, "multipart without a boundary parameter", "multipart/form-data", body);
            case 3 ->
                post(
                        api,
                        "multipart headers without their blank line",
                        type,
                        ("--b0undary\r\nContent-Disposition: form-data; name=\"name\"\r\nx\r\n--b0undary--\r\n")
                                .getBytes(UTF_8));
            case 4 ->
                post(
                        api,
                        "a part without Content-Disposition",
                        type,
                        ("--b0undary\r\nContent-Type: text/plain\r\n\r\nvalue\r\n--b0undary--\r\n").getBytes(UTF_8));
            case 5 ->
                post(
                        api,
                        "a part with an unterminated quoted name",
                        type,
                        ("--b0undary\r\nContent-Disposition: form-data; name=\"files; filename=\"a.pdf\r\n\r\nx\r\n"
                                        + "--b0undary--\r\n")
                                .getBytes(UTF_8));
            default -> post(api, "random bytes as multipart", type, randomBytes(200 + random.nextInt(4000)));
        };
    }

    Hostile invalidUtf8() {
        boolean api = random.nextBoolean();
        byte[][] invalid = {
            {(byte) 0xC3, 0x28},
            {(byte) 0xFF, (byte) 0xFE},
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}
        };
        byte[] bad = concat("Иван ".getBytes(UTF_8), invalid[random.nextInt(invalid.length)]);
        Map<String, byte[]> fields = fields(api);
        String field = pick(List.of("name", "organisation", "subject", "description", "email"));
        fields.put(prefix(api) + field, bad);
        boolean inFileName = random.nextBoolean();
        byte[] body = multipart(
                "b0undary",
                fields,
                api,
                one(inFileName ? rawFile(concat(bad, ".pdf".getBytes(UTF_8))) : file("a.pdf", bad)));
        return post(
                api,
                "invalid UTF-8 in " + (inFileName ? "a file name" : field),
                "multipart/form-data; boundary=b0undary",
                body);
    }

    Hostile nulBytes() {
        boolean api = random.nextBoolean();
        Map<String, byte[]> fields = fields(api);
        String field = pick(List.of("name", "organisation", "subject", "description", "phone", "inn", "service"));
        fields.put(prefix(api) + field, ("before\u0000after " + field).getBytes(UTF_8));
        if (api && random.nextBoolean()) {
            fields.put(
                    pick(List.of("visitorIp", "consentTextVersion", "visitorUserAgent")), "1\u00002".getBytes(UTF_8));
        }
        List<byte[][]> files = one(file(random.nextBoolean() ? "a\u0000b.pdf" : "ab.pdf", "x\u0000y".getBytes(UTF_8)));
        Map<String, String> headers = random.nextBoolean() ? Map.of("User-Agent", "agent\u0000nul") : Map.of();
        return post(
                api,
                "NUL in " + field,
                "multipart/form-data; boundary=b0undary",
                headers,
                multipart("b0undary", fields, api, files));
    }

    Hostile hugeOrEmptyParts() {
        boolean api = random.nextBoolean();
        Map<String, byte[]> fields = fields(api);
        List<byte[][]> files = new ArrayList<>();
        String label;
        switch (random.nextInt(6)) {
            case 0 -> {
                label = "a file above the per-file limit";
                files.add(file("big.pdf", randomBytes(1024 * 1024 + 1 + random.nextInt(200_000))));
            }
            case 1 -> {
                label = "an empty file";
                files.add(file("empty.pdf", new byte[0]));
            }
            case 2 -> {
                label = "a text part of 70 KB";
                fields.put(prefix(api) + "description", "д".repeat(35_000).getBytes(UTF_8));
                files.add(file("a.pdf", "x".getBytes(UTF_8)));
            }
            case 3 -> {
                label = "empty text parts";
                fields.replaceAll(
                        (name, value) -> name.endsWith("ViewState") || name.equals("feedback") ? value : new byte[0]);
                files.add(file("a.pdf", "x".getBytes(UTF_8)));
            }
            case 4 -> {
                label = "a part without a name";
                fields.put("", "value".getBytes(UTF_8));
                files.add(file("a.pdf", "x".getBytes(UTF_8)));
            }
            default -> {
                label = "files above the total";
                for (int i = 0; i < 3; i++) {
                    files.add(file("part" + i + ".pdf", randomBytes(900_000)));
                }
            }
        }
        return new Hostile(
                (api ? "API: " : "form: ") + label,
                request(
                        api,
                        "multipart/form-data; boundary=b0undary",
                        Map.of(),
                        multipart("b0undary", fields, api, files)),
                true);
    }

    Hostile overlongFields() {
        boolean api = random.nextBoolean();
        Map<String, byte[]> fields = fields(api);
        String field =
                pick(List.of("name", "email", "phone", "organisation", "inn", "service", "subject", "description"));
        int length = 250 + random.nextInt(6000);
        fields.put(prefix(api) + field, "ж".repeat(length).getBytes(UTF_8));
        if (api) {
            fields.put(
                    pick(List.of("visitorIp", "consentTextVersion", "visitorUserAgent", "unknownField")),
                    "9".repeat(65 + random.nextInt(3000)).getBytes(UTF_8));
        }
        return post(
                api,
                field + " of " + length + " characters",
                "multipart/form-data; boundary=b0undary",
                multipart(
                        "b0undary",
                        fields,
                        api,
                        one(file("б".repeat(random.nextInt(600)) + ".pdf", "x".getBytes(UTF_8)))));
    }

    Hostile overlongHeaders() {
        boolean api = random.nextBoolean();
        String header = pick(
                List.of("User-Agent", "Idempotency-Key", "Accept-Language", "X-Forwarded-For", "Cookie", "X-Junk"));
        int length = 1000 + random.nextInt(random.nextBoolean() ? 10_000 : 120_000);
        String value = switch (header) {
            case "Accept-Language" -> "ru;q=0.9,".repeat(length / 9);
            case "X-Forwarded-For" -> "1.2.3.4, ".repeat(length / 9);
            default -> "h".repeat(length);
        };
        return post(
                api,
                header + " of " + length + " characters",
                "multipart/form-data; boundary=b0undary",
                Map.of(header, value),
                multipart("b0undary", fields(api), api, one(file("a.pdf", "x".getBytes(UTF_8)))));
    }

    Hostile wrongContentType() {
        boolean api = random.nextBoolean();
        String type = pick(List.of(
                "text/plain",
                "application/x-www-form-urlencoded",
                "application/xml",
                "multipart/mixed; boundary=b0undary",
                "multipart/form-data; boundary=b0undary; charset=x-unknown",
                "multipart/form-data; boundary=\"",
                "image/png",
                ""));
        byte[] body = random.nextBoolean()
                ? multipart("b0undary", fields(api), api, one(file("a.pdf", "x".getBytes(UTF_8))))
                : "name=%FF%00&email=a@b.ru&feedback%3Aname=x".getBytes(UTF_8);
        return post(api, "Content-Type \"" + type + "\"", type, body);
    }

    Hostile jsonInsteadOfMultipart() {
        boolean api = random.nextBoolean();
        String json = pick(List.of(
                "{\"name\":\"Иван\",\"email\":\"a@example.ru\",\"consent\":true}",
                "{\"name\":",
                "[1,2,3]",
                "{\"name\":\"\\u0000\",\"files\":[{\"fileName\":\"../../x.pdf\"}]}",
                "null",
                "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}"));
        return post(
                api,
                "JSON " + json.substring(0, Math.min(30, json.length())),
                random.nextBoolean() ? "application/json" : "multipart/form-data; boundary=b0undary",
                json.getBytes(UTF_8));
    }

    Hostile injections() {
        boolean api = random.nextBoolean();
        Map<String, byte[]> fields = fields(api);
        String injection = pick(INJECTIONS);
        String field = pick(List.of("name", "organisation", "subject", "description", "service"));
        fields.put(prefix(api) + field, injection.getBytes(UTF_8));
        if (random.nextBoolean()) {
            fields.put(prefix(api) + "email", ("o'brien+" + random.nextInt(1000) + "@example.ru").getBytes(UTF_8));
        }
        return post(
                api,
                "\"" + injection + "\" in " + field,
                "multipart/form-data; boundary=b0undary",
                multipart("b0undary", fields, api, one(file("a.pdf", "x".getBytes(UTF_8)))));
    }

    Hostile traversals() {
        boolean api = random.nextBoolean();
        String name = pick(TRAVERSALS);
        return post(
                api,
                "file name \"" + name.replace("\u0000", "\\0") + "\"",
                "multipart/form-data; boundary=b0undary",
                multipart("b0undary", fields(api), api, one(file(name, "%PDF-1.4 traversal".getBytes(UTF_8)))));
    }

    Hostile hostileLookups() {
        String reference = pick(List.of(
                "'%20or%201%20eq%201",
                "..%2F..%2FWEB-INF%2Fweb.xml",
                "WEB-2026-" + "9".repeat(5000),
                "%00",
                "%FF%FE",
                "WEB-2026-000001;DROP%20TABLE%20submission",
                "x?$filter=1",
                "%252e%252e%252f"));
        boolean withKey = random.nextInt(4) > 0;
        String request = "GET " + root + "api/v1/submissions/" + reference + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\n" + (withKey ? "X-Api-Key: " + apiKey + "\r\n" : "") + "Connection: close\r\n\r\n";
        return new Hostile(
                "lookup " + reference.substring(0, Math.min(40, reference.length())),
                request.getBytes(ISO_8859_1),
                true);
    }

    Hostile notHttp() {
        byte[] bytes = switch (random.nextInt(5)) {
            case 0 -> randomBytes(1 + random.nextInt(3000));
            case 1 ->
                ("POST " + root
                                + "api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\nConnection: close\r\n\r\n")
                        .getBytes(ISO_8859_1);
            case 2 ->
                ("POST " + root + "index.xhtml HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n"
                                + "Connection: close\r\n\r\n1234567")
                        .getBytes(ISO_8859_1);
            case 3 ->
                ("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        .getBytes(ISO_8859_1);
            default ->
                ("POST " + root + "api/v1/submissions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                                + "X-Api-Key: " + apiKey
                                + "\r\nContent-Type: multipart/form-data; boundary=b\r\nConnection: close\r\n\r\n"
                                + "zz\r\nnot a chunk\r\n0\r\n\r\n")
                        .getBytes(ISO_8859_1);
        };
        return new Hostile("not HTTP", bytes, false);
    }

    // ---- building requests

    private Hostile post(boolean api, String label, String contentType, byte[] body) {
        return post(api, label, contentType, Map.of(), body);
    }

    private Hostile post(boolean api, String label, String contentType, Map<String, String> headers, byte[] body) {
        return new Hostile((api ? "API: " : "form: ") + label, request(api, contentType, headers, body), true);
    }

    private byte[] request(boolean api, String contentType, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder();
        String path;
        if (api) {
            path = root + "api/v1/submissions";
        } else {
            path = form().action().getRawPath()
                    + (form().action().getRawQuery() == null
                            ? ""
                            : "?" + form().action().getRawQuery());
        }
        head.append("POST ")
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append(':')
                .append(port)
                .append("\r\n");
        if (api) {
            head.append("X-Api-Key: ").append(apiKey).append("\r\n");
        } else if (!headers.containsKey("Cookie")) {
            head.append("Cookie: ").append(form().cookieHeader()).append("\r\n");
        }
        if (!contentType.isEmpty()) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        return concat(head.toString().getBytes(UTF_8), body);
    }

    /** A valid submission's text fields, as the API or the form names them (the form with its session's view state). */
    private Map<String, byte[]> fields(boolean api) {
        Map<String, byte[]> fields = new java.util.LinkedHashMap<>();
        if (api) {
            String tag = "fz" + random.nextInt(1_000_000);
            ApiClient.validFields(tag, tag + "@example.ru", "ООО Фазз")
                    .forEach((name, value) -> fields.put(name, value.getBytes(UTF_8)));
        } else {
            form().fields().forEach((name, value) -> fields.put(name, value.getBytes(UTF_8)));
        }
        return fields;
    }

    /** The form's session and view state, read again every ten requests. */
    private NoScriptForm form() {
        if (form == null || formUses++ > 9) {
            String tag = "fz" + random.nextInt(1_000_000);
            form = NoScriptForm.open(casegate.url("index.xhtml"), tag, tag + "@example.ru", "ООО Фазз");
            formUses = 0;
        }
        return form;
    }

    private static List<byte[][]> one(byte[][] file) {
        List<byte[][]> files = new ArrayList<>();
        files.add(file);
        return files;
    }

    private static String prefix(boolean api) {
        return api ? "" : "feedback:";
    }

    private static byte[][] file(String name, byte[] content) {
        return rawFile(name.getBytes(UTF_8), content);
    }

    private static byte[][] rawFile(byte[] name) {
        return rawFile(name, "%PDF-1.4".getBytes(UTF_8));
    }

    private static byte[][] rawFile(byte[] name, byte[] content) {
        return new byte[][] {name, content};
    }

    private static byte[] multipart(String boundary, Map<String, byte[]> fields, boolean api, List<byte[][]> files) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n")
                    .getBytes(UTF_8));
            body.writeBytes(value);
            body.writeBytes("\r\n".getBytes(UTF_8));
        });
        for (byte[][] file : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                            + (api ? "files" : "feedback:files") + "\"; filename=\"")
                    .getBytes(UTF_8));
            body.writeBytes(file[0]);
            body.writeBytes("\"\r\nContent-Type: application/pdf\r\n\r\n".getBytes(UTF_8));
            body.writeBytes(file[1]);
            body.writeBytes("\r\n".getBytes(UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(UTF_8));
        return body.toByteArray();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static byte[] cut(byte[] bytes, int length) {
        return java.util.Arrays.copyOf(bytes, Math.max(0, length));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    // ---- sending

    /** Empty when a normal client still gets the readiness check and the API's lookup; else what it got. */
    private String probe() {
        // HTTP/1.1, as browsers and proxies reach Casegate (see docs/security.md on h2c).
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        StringBuilder failed = new StringBuilder();
        for (java.net.http.HttpRequest request : List.of(
                java.net.http.HttpRequest.newBuilder(casegate.serverUrl("health/ready"))
                        .timeout(java.time.Duration.ofSeconds(30))
                        .build(),
                java.net.http.HttpRequest.newBuilder(casegate.url("api/v1/submissions/WEB-2026-000001"))
                        .header("X-Api-Key", apiKey)
                        .timeout(java.time.Duration.ofSeconds(30))
                        .build())) {
            try {
                int status = client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                boolean lookup = request.uri().getPath().contains("/api/");
                if (status != 200 && !(lookup && status == 404)) {
                    failed.append(request.uri().getPath())
                            .append(' ')
                            .append(status)
                            .append(' ');
                }
            } catch (IOException e) {
                failed.append(request.uri().getPath()).append(' ').append(e).append(' ');
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return failed.toString();
    }

    /** The answer's status code, or what happened instead ({@code closed}, {@code timeout}). */
    private String exchange(Hostile request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.bytes());
                out.flush();
                socket.shutdownOutput();
            } catch (IOException refusedWhileSending) {
                // The server may answer and close before the body is sent (413, 401): read that answer.
            }
            return statusOf(socket.getInputStream());
        } catch (java.net.SocketTimeoutException e) {
            return "timeout";
        } catch (IOException e) {
            return "closed (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static String statusOf(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n' && line.length() < 200) {
            line.append((char) c);
        }
        String[] words = line.toString().strip().split(" ");
        if (words.length >= 2 && words[0].startsWith("HTTP/") && words[1].matches("\\d{3}")) {
            return words[1];
        }
        return line.isEmpty() ? "closed" : "garbage: " + line;
    }
}
