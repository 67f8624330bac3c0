package io.casegate.testing;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * What the tests see of the built-in sandbox CRM, strictly over HTTP as a support agent's tools
 * would: its OData cases and case files (after logging in as Supervisor), and its fault switches.
 */
public final class SandboxCrm {

    public record CrmCase(String id, String number, String subject) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String sandbox;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public SandboxCrm(URL deployment) {
        String base = deployment.toString();
        sandbox = (base.endsWith("/") ? base : base + "/") + "sandbox";
    }

    /** Slows every CRM call down, so that the form's sending state can be watched. */
    public void setLatency(Duration latency) {
        String body = "{\"latencyMs\":" + latency.toMillis() + "}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(sandbox + "/_faults"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT /_faults answered " + response.statusCode() + ": " + response.body());
        }
    }

    public List<CrmCase> casesWithSubject(String subject) {
        return records("/0/odata/Case?$select=Id,Number,Subject").stream()
                .filter(record -> subject.equals(record.getString("Subject")))
                .map(record -> new CrmCase(record.getString("Id"), record.getString("Number"), record.getString("Subject")))
                .toList();
    }

    public List<String> fileNamesOf(CrmCase crmCase) {
        return records("/0/odata/CaseFile?$select=Name,CaseId").stream()
                .filter(record -> crmCase.id().equals(record.getString("CaseId")))
                .map(record -> record.getString("Name"))
                .sorted()
                .toList();
    }

    /** The cases page as a support agent sees it. */
    public String casesPage() {
        return send(HttpRequest.newBuilder(URI.create(sandbox + "/cases")).GET()).body();
    }

    private List<JsonObject> records(String path) {
        if (cookies.isEmpty()) {
            logIn();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox + path)).GET()
                .header("Accept", "application/json")
                .header("Cookie", cookieHeader());
        if (cookies.containsKey("BPMCSRF")) {
            request.header("BPMCSRF", cookies.get("BPMCSRF"));
        }
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject().getJsonArray("value").getValuesAs(JsonObject.class);
        }
    }

    private void logIn() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(sandbox + "/ServiceModel/AuthService.svc/Login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"UserName\":\"Supervisor\",\"UserPassword\":\"Supervisor\"}")));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Login answered " + response.statusCode() + ": " + response.body());
        }
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            cookies.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
    }

    private String cookieHeader() {
        StringBuilder header = new StringBuilder();
        cookies.forEach((name, value) -> header.append(header.length() == 0 ? "" : "; ").append(name).append('=').append(value));
        return header.toString();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
