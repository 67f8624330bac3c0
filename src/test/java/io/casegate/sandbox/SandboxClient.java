package io.casegate.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * A small Creatio client for the tests: keeps the cookies that login sets (sending them back by hand,
 * so tests see exactly what the server set) and echoes BPMCSRF as a header, as real clients do.
 */
final class SandboxClient {

    static final String SUPERVISOR = "Supervisor";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String sandbox;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final List<String> setCookieHeaders = new ArrayList<>();
    private String bearerToken;

    SandboxClient(URL deployment) {
        String base = deployment.toString();
        this.sandbox = (base.endsWith("/") ? base : base + "/") + "sandbox";
    }

    /** The absolute URL of a path below /sandbox, e.g. {@code /0/odata/Contact}. */
    String url(String path) {
        return sandbox + path;
    }

    /** The context-relative path the CRM cookies are scoped to, e.g. {@code /casegate/sandbox}. */
    String applicationPath() {
        return URI.create(sandbox).getPath();
    }

    HttpResponse<String> login(String user, String password) {
        HttpResponse<String> response = send(
                "POST",
                "/ServiceModel/AuthService.svc/Login",
                "{\"UserName\":\"" + user + "\",\"UserPassword\":\"" + password
                        + "\",\"TimeZoneOffset\":-180,\"Unknown\":{\"x\":1}}");
        setCookieHeaders.clear();
        setCookieHeaders.addAll(response.headers().allValues("Set-Cookie"));
        for (String header : setCookieHeaders) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return response;
    }

    SandboxClient loggedIn() {
        HttpResponse<String> response = login(SUPERVISOR, SUPERVISOR);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(0, json(response).getInt("Code"), response.body());
        return this;
    }

    List<String> setCookieHeaders() {
        return setCookieHeaders;
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    void forgetCookies() {
        cookies.clear();
    }

    void useBearer(String token) {
        bearerToken = token;
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    HttpResponse<String> post(String path, String json) {
        return send("POST", path, json);
    }

    HttpResponse<String> patch(String path, String json) {
        return send("PATCH", path, json);
    }

    HttpResponse<String> delete(String path) {
        return send("DELETE", path, null);
    }

    HttpResponse<String> send(String method, String path, String json) {
        return send(method, path, json, Map.of());
    }

    HttpResponse<String> send(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(
                method,
                path,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json),
                headers);
        if (json != null) {
            request.header("Content-Type", "application/json; charset=utf-8; IEEE754Compatible=true");
        }
        return exchange(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> sendBytes(String method, String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = request(
                method,
                path,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body),
                headers);
        return exchange(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends bytes, reads the answer as text (the file services answer JSON). */
    HttpResponse<String> sendBinary(String method, String path, byte[] body, Map<String, String> headers) {
        return exchange(
                request(method, path, HttpRequest.BodyPublishers.ofByteArray(body), headers)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(
            String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(60))
                .method(method, body)
                .header("Accept", "application/json")
                .header("ForceUseSession", "true");
        if (!cookies.isEmpty()) {
            StringBuilder cookieHeader = new StringBuilder();
            cookies.forEach((name, value) -> cookieHeader
                    .append(cookieHeader.length() == 0 ? "" : "; ")
                    .append(name)
                    .append('=')
                    .append(value));
            request.header("Cookie", cookieHeader.toString());
        }
        if (cookies.containsKey("BPMCSRF") && !headers.containsKey("BPMCSRF")) {
            request.header("BPMCSRF", cookies.get("BPMCSRF"));
        }
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        headers.forEach(request::header);
        return request;
    }

    static <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Changes fault switches; answers the settings now in force. */
    JsonObject faults(String json) {
        HttpResponse<String> response = exchange(
                HttpRequest.newBuilder(URI.create(url("/_faults")))
                        .timeout(Duration.ofSeconds(30))
                        .PUT(HttpRequest.BodyPublishers.ofString(json))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    void resetFaults() {
        faults("{\"latencyMs\":0,\"errorRate\":0,\"outage\":false,\"sessionTtlSeconds\":3600,"
                + "\"redirectToLogin\":false,\"tokenLifetimeSeconds\":3600,\"clockOffsetSeconds\":0,"
                + "\"batchRefusedStatus\":0,\"failCreatesOf\":\"\"}");
    }

    /** Lets {@code seconds} pass on the sandbox's clock at once, where a test would otherwise sleep. */
    void advanceClock(long seconds) {
        long offset = json(get("/_faults")).getJsonNumber("clockOffsetSeconds").longValue();
        faults("{\"clockOffsetSeconds\":" + (offset + seconds) + "}");
    }

    JsonObject stats() {
        return json(get("/_stats"));
    }

    /** Creates a record and returns it as the server answered (asserting 201). */
    JsonObject create(String entitySet, String json) {
        HttpResponse<String> response = post("/0/odata/" + entitySet, json);
        assertEquals(201, response.statusCode(), response.body());
        return json(response);
    }

    static JsonObject json(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    /** The real reason an error envelope carries, asserting the envelope's shape on the way. */
    static String reason(HttpResponse<String> response) {
        JsonObject error = json(response).getJsonObject("error");
        assertEquals("An error has occurred.", error.getString("message"), response.body());
        return error.getJsonObject("innererror")
                .getJsonObject("internalexception")
                .getString("message");
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String filter(String filter) {
        return "?$filter=" + encode(filter);
    }
}
