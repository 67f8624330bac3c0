package io.casegate.sandbox.odata;

import static io.casegate.sandbox.http.SandboxJson.JSON;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.casegate.sandbox.http.CrmRequest;
import io.casegate.sandbox.http.CrmResponse;
import io.casegate.sandbox.http.JsonBodies;
import io.casegate.sandbox.http.SandboxException;

/**
 * JSON {@code $batch}: sub-requests run in order through the same OData code, as the caller; the
 * first 4xx/5xx stops the batch unless {@code Prefer: continue-on-error}. Atomicity groups are
 * echoed (with server-assigned ids) but not transactional.
 */
final class BatchService {

    static final int MAX_REQUESTS = 100;

    private final ODataService odata;
    private final long maxJsonBodyBytes;

    BatchService(ODataService odata, long maxJsonBodyBytes) {
        this.odata = odata;
        this.maxJsonBodyBytes = maxJsonBodyBytes;
    }

    CrmResponse handle(CrmRequest request, String root) {
        String contentType = request.header("Content-Type").orElse("application/json");
        if (contentType.toLowerCase().startsWith("multipart/")) {
            throw SandboxException.badRequest(
                    "The sandbox supports JSON batches only; send Content-Type: application/json.");
        }
        JsonObject batch = JsonBodies.object(request.body(maxJsonBodyBytes));
        JsonValue requests = batch.get("requests");
        if (requests == null || requests.getValueType() != JsonValue.ValueType.ARRAY) {
            throw SandboxException.badRequest("A JSON batch needs a \"requests\" array.");
        }
        int size = requests.asJsonArray().size();
        if (size > MAX_REQUESTS) {
            throw SandboxException.badRequest(
                    "The batch has " + size + " requests; at most " + MAX_REQUESTS + " are allowed.");
        }
        boolean continueOnError = request.header("Prefer").orElse("").contains("continue-on-error");
        Map<String, String> groups = new HashMap<>();
        JsonArrayBuilder responses = JSON.createArrayBuilder();
        for (JsonValue item : requests.asJsonArray()) {
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                throw SandboxException.badRequest("Every batch request must be a JSON object.");
            }
            JsonObject sub = item.asJsonObject();
            CrmResponse response = dispatch(request, root, sub);
            JsonObjectBuilder entry = JSON.createObjectBuilder()
                    .add("id", sub.containsKey("id") ? sub.get("id") : JSON.createValue(""))
                    .add("status", response.status());
            if (sub.get("atomicityGroup") instanceof JsonString group) {
                entry.add(
                        "atomicityGroup",
                        groups.computeIfAbsent(
                                group.getString(), label -> UUID.randomUUID().toString()));
            }
            JsonObjectBuilder headers = JSON.createObjectBuilder();
            response.headers().forEach(header -> headers.add(header.getKey().toLowerCase(), header.getValue()));
            if (response.contentType() != null) {
                headers.add("content-type", response.contentType());
            }
            entry.add("headers", headers);
            if (response.body().length > 0) {
                entry.add("body", bodyOf(response));
            }
            responses.add(entry);
            if (response.status() >= 400 && !continueOnError) {
                break;
            }
        }
        return CrmResponse.odata(
                200, JSON.createObjectBuilder().add("responses", responses).build());
    }

    private CrmResponse dispatch(CrmRequest batch, String root, JsonObject sub) {
        String method = sub.getString("method", "GET");
        String url = sub.getString("url", "");
        int odataAt = url.indexOf("odata/");
        String resource = odataAt >= 0 ? url.substring(odataAt + "odata/".length()) : url.replaceFirst("^/+", "");
        String rawQuery = null;
        int questionMark = resource.indexOf('?');
        if (questionMark >= 0) {
            rawQuery = resource.substring(questionMark + 1);
            resource = resource.substring(0, questionMark);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (sub.get("headers") instanceof JsonObject given) {
            given.forEach((name, value) -> {
                if (value instanceof JsonString text) {
                    headers.put(name, text.getString());
                }
            });
        }
        JsonValue body = sub.get("body");
        byte[] bytes = body == null || body.getValueType() == JsonValue.ValueType.NULL
                ? new byte[0]
                : body.toString().getBytes(StandardCharsets.UTF_8);
        CrmRequest request = batch.derive(method, root + "/" + resource, rawQuery, headers, bytes);
        try {
            return odata.handle(request, root, resource);
        } catch (SandboxException e) {
            return CrmResponse.error(e.status(), e.getMessage());
        }
    }

    private static JsonValue bodyOf(CrmResponse response) {
        if (response.contentType() != null && response.contentType().startsWith("application/json")) {
            try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(response.body()))) {
                return reader.readValue();
            }
        }
        return JSON.createValue(response.bodyText());
    }
}
