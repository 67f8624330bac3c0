package io.casegate.sandbox.http;

import static io.casegate.sandbox.http.SandboxJson.JSON;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

/** Reads request bodies as JSON objects; anything else is a 400 with the reason. */
public final class JsonBodies {

    private JsonBodies() {}

    public static JsonObject object(byte[] body) {
        if (body.length == 0) {
            throw SandboxException.badRequest("The request body is empty; a JSON object was expected.");
        }
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw SandboxException.badRequest("The request body must be a JSON object.");
            }
            return value.asJsonObject();
        } catch (JsonParsingException e) {
            throw SandboxException.badRequest("The request body is not valid JSON: " + e.getMessage());
        } catch (JsonException e) {
            throw SandboxException.badRequest("The request body is not valid JSON.");
        }
    }

    static String utf8(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
