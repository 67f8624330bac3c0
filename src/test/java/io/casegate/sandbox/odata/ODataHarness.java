package io.casegate.sandbox.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import io.casegate.sandbox.http.CrmRequest;
import io.casegate.sandbox.http.CrmResponse;
import io.casegate.sandbox.http.SandboxException;

/**
 * The sandbox's OData service in process, without a server: requests go through the same
 * {@link ODataService} the servlet routes to, so unit tests see the wire answers (status, JSON, error
 * envelope) that a client would.
 */
final class ODataHarness {

    static final String APP = "http://127.0.0.1:1/sandbox";

    final Database database;
    final ODataService odata;

    ODataHarness() {
        this(Optional.empty(), false);
    }

    ODataHarness(Optional<String> accountInnColumn, boolean caseInsensitiveStrings) {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);
        database = new Database(clock, new Schema(accountInnColumn));
        odata = new ODataService(database, 1 << 20, 1 << 20, caseInsensitiveStrings);
    }

    /** @param resource the path below {@code /0/odata/}, with its query, e.g. {@code Contact?$filter=…} */
    CrmResponse call(String method, String resource, String body) {
        String path = resource;
        String query = null;
        int question = resource.indexOf('?');
        if (question >= 0) {
            path = resource.substring(0, question);
            query = encodeQuery(resource.substring(question + 1));
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        CrmRequest request = new CrmRequest(
                method,
                "/0/odata/" + path,
                query,
                Map.of("Content-Type", "application/json"),
                Map.of(),
                APP,
                "/sandbox",
                null,
                bytes.length,
                bytes);
        try {
            return odata.handle(request, "/0/odata", path);
        } catch (SandboxException e) {
            return CrmResponse.error(e.status(), e.getMessage());
        }
    }

    private static String encodeQuery(String query) {
        StringBuilder encoded = new StringBuilder();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (encoded.length() > 0) {
                encoded.append('&');
            }
            encoded.append(pair, 0, eq + 1)
                    .append(URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8)
                            .replace("+", "%20"));
        }
        return encoded.toString();
    }

    JsonObject json(CrmResponse response) {
        return Json.createReader(new StringReader(response.bodyText())).readObject();
    }

    /** POSTs and returns the created record; fails unless the answer is 201. */
    JsonObject create(String set, String body) {
        CrmResponse response = call("POST", set, body);
        assertEquals(201, response.status(), response.bodyText());
        return json(response);
    }

    JsonObject read(String set, String id) {
        CrmResponse response = call("GET", set + "(" + id + ")", null);
        assertEquals(200, response.status(), response.bodyText());
        return json(response);
    }

    JsonArray list(String setAndQuery) {
        CrmResponse response = call("GET", setAndQuery, null);
        assertEquals(200, response.status(), response.bodyText());
        return json(response).getJsonArray("value");
    }

    void patch(String set, String id, String body) {
        CrmResponse response = call("PATCH", set + "(" + id + ")", body);
        assertEquals(204, response.status(), response.bodyText());
    }

    void delete(String set, String id) {
        CrmResponse response = call("DELETE", set + "(" + id + ")", null);
        assertEquals(204, response.status(), response.bodyText());
    }

    /** The real reason of an error answer, where clients read it. */
    String reason(CrmResponse response) {
        return json(response)
                .getJsonObject("error")
                .getJsonObject("innererror")
                .getJsonObject("internalexception")
                .getString("message");
    }
}
