package io.casegate.sandbox.http;

import static io.casegate.sandbox.http.SandboxJson.JSON;

import jakarta.json.JsonObject;

/**
 * The ASP.NET Web API OData error body that Creatio answers with. Clients dig the real reason out of
 * {@code innererror.internalexception.message} (or fall back to {@code innererror.message}), so both
 * carry it; the top-level message is the framework's generic text. Never a stack trace.
 */
final class ErrorEnvelope {

    private ErrorEnvelope() {}

    static JsonObject of(String reason) {
        String text = reason == null ? "" : reason;
        return JSON.createObjectBuilder()
                .add(
                        "error",
                        JSON.createObjectBuilder()
                                .add("code", "")
                                .add("message", "An error has occurred.")
                                .add(
                                        "innererror",
                                        JSON.createObjectBuilder()
                                                .add("message", text)
                                                .add("type", "")
                                                .add("stacktrace", "")
                                                .add(
                                                        "internalexception",
                                                        JSON.createObjectBuilder()
                                                                .add("message", text)
                                                                .add("type", "")
                                                                .add("stacktrace", ""))))
                .build();
    }
}
