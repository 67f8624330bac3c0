package io.casegate.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonStructure;

/** What the sandbox answers: status, headers (repeatable, for Set-Cookie) and body bytes. */
public final class CrmResponse {

    static final String JSON = "application/json; charset=utf-8";
    static final String ODATA_JSON = "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();

    private CrmResponse(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    public static CrmResponse json(int status, JsonStructure json) {
        return new CrmResponse(status, JSON, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static CrmResponse odata(int status, JsonStructure json) {
        return new CrmResponse(status, ODATA_JSON, json.toString().getBytes(StandardCharsets.UTF_8))
                .header("OData-Version", "4.0");
    }

    public static CrmResponse error(int status, String reason) {
        return json(status, ErrorEnvelope.of(reason));
    }

    public static CrmResponse empty(int status) {
        return new CrmResponse(status, null, new byte[0]);
    }

    public static CrmResponse text(int status, String contentType, String text) {
        return new CrmResponse(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    public static CrmResponse bytes(int status, String contentType, byte[] body) {
        return new CrmResponse(status, contentType, body);
    }

    public CrmResponse header(String name, String value) {
        headers.add(Map.entry(name, value));
        return this;
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] body() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public List<Map.Entry<String, String>> headers() {
        return headers;
    }
}
