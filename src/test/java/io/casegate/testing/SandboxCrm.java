package io.casegate.testing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * The tests' own view of the sandbox CRM over HTTP, independent of the client under test: reads
 * records as a support agent's tool would, switches faults and reads the sandbox's counters.
 */
public final class SandboxCrm {

    /** The sandbox's counters; tests compare them before and after. */
    public record Stats(long logins, long failedLogins, long requests, long tokens, long logouts) {

        public Stats minus(Stats before) {
            return new Stats(
                    logins - before.logins,
                    failedLogins - before.failedLogins,
                    requests - before.requests,
                    tokens - before.tokens,
                    logouts - before.logouts);
        }
    }

    private final URI root;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private boolean loggedIn;

    /** @param root the sandbox's root, e.g. {@code http://127.0.0.1:PORT/casegate/sandbox} */
    public SandboxCrm(URI root) {
        this.root = root;
    }

    /** The rows of an entity set matching an OData filter (written unencoded). */
    public List<JsonObject> list(String entity, String filter) {
        String query = filter == null ? "" : "?$filter=" + encode(filter);
        JsonObject collection = getJson("/0/odata/" + entity + query);
        return collection.getJsonArray("value").getValuesAs(JsonObject.class);
    }

    /**
     * Creates a record as a CRM user would (a contact typed in by an agent, a second e-mail on its
     * communication detail), and answers it as the CRM stored it.
     */
    public JsonObject create(String entity, JsonObject record) {
        HttpResponse<String> answer = send(
                HttpRequest.newBuilder(URI.create(root + "/0/odata/" + entity))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(record.toString())),
                HttpResponse.BodyHandlers.ofString(),
                true,
                true);
        if (answer.statusCode() != 201) {
            throw new IllegalStateException(
                    "POST " + entity + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return Json.createReader(new StringReader(answer.body())).readObject();
    }

    public JsonObject get(String entity, UUID id) {
        return getJson("/0/odata/" + entity + "(" + id + ")");
    }

    public byte[] download(String fileEntity, UUID fileId) {
        return send(
                        HttpRequest.newBuilder(
                                        URI.create(root + "/0/rest/FileService/Download/" + fileEntity + "/" + fileId))
                                .GET(),
                        HttpResponse.BodyHandlers.ofByteArray(),
                        true)
                .body();
    }

    /** Changes a record as a CRM user would (OData PATCH, with the session's CSRF token). */
    public void patch(String entity, UUID id, String json) {
        get(entity, id); // logs in first, so that the session's CSRF cookie is there
        String csrf = cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("BPMCSRF"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse("");
        HttpResponse<String> answer = send(
                HttpRequest.newBuilder(URI.create(root + "/0/odata/" + entity + "(" + id + ")"))
                        .header("Content-Type", "application/json")
                        .header("BPMCSRF", csrf)
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(json)),
                HttpResponse.BodyHandlers.ofString(),
                true);
        if (answer.statusCode() != 204) {
            throw new IllegalStateException(
                    "PATCH " + entity + "(" + id + ") answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    /** Sets sandbox faults, e.g. {@code {"expireAllSessionsNow":true}}. */
    public void faults(String json) {
        HttpResponse<String> answer = send(
                HttpRequest.newBuilder(URI.create(root + "/_faults"))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json)),
                HttpResponse.BodyHandlers.ofString(),
                false);
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT /_faults answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    public void resetFaults() {
        faults("{\"latencyMs\":0,\"errorRate\":0,\"outage\":false,\"rotateCsrf\":false,\"redirectToLogin\":false,"
                + "\"batchRefusedStatus\":0,\"failCreatesOf\":\"\"}");
    }

    /** The most CRM calls the sandbox had in flight at once since the last {@link #resetPeakInFlight()}. */
    public long peakInFlight() {
        HttpResponse<String> answer = send(
                HttpRequest.newBuilder(URI.create(root + "/_stats")).GET(),
                HttpResponse.BodyHandlers.ofString(),
                false);
        return Json.createReader(new StringReader(answer.body()))
                .readObject()
                .getJsonNumber("peakInFlight")
                .longValue();
    }

    public void resetPeakInFlight() {
        faults("{\"resetPeakInFlight\":true}");
    }

    public Stats stats() {
        HttpResponse<String> answer = send(
                HttpRequest.newBuilder(URI.create(root + "/_stats")).GET(),
                HttpResponse.BodyHandlers.ofString(),
                false);
        JsonObject stats = Json.createReader(new StringReader(answer.body())).readObject();
        return new Stats(
                stats.getJsonNumber("logins").longValue(),
                stats.getJsonNumber("failedLogins").longValue(),
                stats.getJsonNumber("requests").longValue(),
                stats.getJsonNumber("tokens").longValue(),
                stats.getJsonNumber("logouts").longValue());
    }

    /** How many rows an entity set holds (OData {@code $count}), e.g. the cases delivered so far. */
    public long count(String entity) {
        HttpResponse<String> answer = send(
                HttpRequest.newBuilder(URI.create(root + "/0/odata/" + entity + "/$count"))
                        .GET(),
                HttpResponse.BodyHandlers.ofString(),
                true);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET " + entity + "/$count answered " + answer.statusCode() + ": " + answer.body());
        }
        return Long.parseLong(answer.body().strip());
    }

    public URI root() {
        return root;
    }

    private JsonObject getJson(String pathAndQuery) {
        HttpResponse<String> answer = send(
                HttpRequest.newBuilder(URI.create(root + pathAndQuery))
                        .header("Accept", "application/json")
                        .GET(),
                HttpResponse.BodyHandlers.ofString(),
                true);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET " + pathAndQuery + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return Json.createReader(new StringReader(answer.body())).readObject();
    }

    private <T> HttpResponse<T> send(
            HttpRequest.Builder request, HttpResponse.BodyHandler<T> body, boolean authenticated) {
        return send(request, body, authenticated, false);
    }

    private <T> HttpResponse<T> send(
            HttpRequest.Builder request, HttpResponse.BodyHandler<T> body, boolean authenticated, boolean csrf) {
        try {
            if (authenticated && !loggedIn) {
                login();
            }
            request.header("ForceUseSession", "true");
            HttpResponse<T> answer = http.send(withCsrf(request, csrf).build(), body);
            if (authenticated && (answer.statusCode() == 401 || answer.statusCode() == 302)) {
                login();
                answer = http.send(withCsrf(request, csrf).build(), body);
            }
            return answer;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** A modifying request carries the session's BPMCSRF cookie as a header, as Creatio requires. */
    private HttpRequest.Builder withCsrf(HttpRequest.Builder request, boolean csrf) {
        if (csrf) {
            cookies.getCookieStore().getCookies().stream()
                    .filter(cookie -> cookie.getName().equals("BPMCSRF"))
                    .reduce((first, last) -> last)
                    .ifPresent(cookie -> request.setHeader("BPMCSRF", cookie.getValue()));
        }
        return request;
    }

    private void login() throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(root + "/ServiceModel/AuthService.svc/Login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"UserName\":\"Supervisor\",\"UserPassword\":\"Supervisor\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 || !answer.body().contains("\"Code\":0")) {
            throw new IllegalStateException(
                    "The test could not log in to the sandbox: " + answer.statusCode() + " " + answer.body());
        }
        loggedIn = true;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
