package io.casegate.testing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Looks into the sandbox CRM the way a support agent's tools would, over its public wire
 * protocol: what cases, contacts and accounts it holds. Also flips its fault switches.
 */
public final class CrmInspector {

    private final URI sandbox;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private boolean loggedIn;

    /** @param sandbox the sandbox's root, ending in {@code /sandbox/} */
    public CrmInspector(URI sandbox) {
        this.sandbox = sandbox;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Sets the sandbox's fault switches, e.g. {@code {"outage":true}}. */
    public void faults(String json) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(sandbox.resolve("_faults"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    "PUT _faults " + json + ": " + response.statusCode() + " " + response.body());
        }
    }

    public JsonObject stats() {
        return json(send(HttpRequest.newBuilder(sandbox.resolve("_stats")).GET()));
    }

    /** Every row of an OData collection (Case, Contact, Account) that matches {@code filter} (or all). */
    public List<JsonObject> rows(String entitySet, String select, String filter) {
        login();
        String query = "?$select=" + encode(select) + (filter == null ? "" : "&$filter=" + encode(filter));
        HttpResponse<String> response = send(HttpRequest.newBuilder(sandbox.resolve("0/odata/" + entitySet + query))
                .header("Accept", "application/json")
                .GET());
        if (response.statusCode() == 401) {
            loggedIn = false;
            login();
            response = send(HttpRequest.newBuilder(sandbox.resolve("0/odata/" + entitySet + query))
                    .header("Accept", "application/json")
                    .GET());
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + entitySet + ": " + response.statusCode() + " " + response.body());
        }
        return json(response).getJsonArray("value").stream()
                .map(JsonValue::asJsonObject)
                .toList();
    }

    /** The Content-Type with which the CRM serves a case file's content: the type it was uploaded with. */
    public String caseFileType(String caseFileId) {
        login();
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(sandbox.resolve("0/rest/FileService/Download/CaseFile/" + caseFileId))
                        .GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "Download CaseFile " + caseFileId + ": " + response.statusCode() + " " + response.body());
        }
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private void login() {
        if (loggedIn) {
            return;
        }
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(sandbox.resolve("ServiceModel/AuthService.svc/Login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"UserName\":\"Supervisor\",\"UserPassword\":\"Supervisor\"}")));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Sandbox login: " + response.statusCode() + " " + response.body());
        }
        loggedIn = true;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(
                    request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
