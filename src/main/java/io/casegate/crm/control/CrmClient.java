package io.casegate.crm.control;

import static io.casegate.platform.Jsonp.JSON;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;

import io.casegate.crm.entity.CrmAuthenticationException;
import io.casegate.crm.entity.CrmBatchRefusedException;
import io.casegate.crm.entity.CrmCallObserver;
import io.casegate.crm.entity.CrmException;
import io.casegate.crm.entity.CrmRejectedException;
import io.casegate.crm.entity.CrmUnavailableException;

/**
 * Authenticated JSON requests to a Creatio-compatible CRM. Every request carries the session; when
 * the CRM answers as if the session were gone (401, 403, a redirect, or an HTML page where JSON was
 * expected) the session is renewed once and the request repeated once. Errors become Casegate's
 * exception types carrying the CRM's own reason.
 */
@ApplicationScoped
public class CrmClient {

    static final MediaType ODATA_JSON =
            new MediaType("application", "json", Map.of("charset", "utf-8", "IEEE754Compatible", "true"));

    @Inject
    CrmSession session;

    @Inject
    CrmTransport transport;

    public CrmClient() {}

    /** Wired by hand, for tests. */
    public CrmClient(CrmSession session, CrmTransport transport) {
        this.session = session;
        this.transport = transport;
    }

    /** GET that answers empty on 404, the CRM's way of saying "no such record". */
    public Optional<JsonObject> find(
            String operation, String path, Map<String, String> query, CrmCallObserver observer) {
        CrmTransport.Exchange answer = send(operation, "GET", path, query, Map.of(), () -> null, observer);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(json(operation, succeeded(operation, answer)));
    }

    public JsonObject get(String operation, String path, Map<String, String> query, CrmCallObserver observer) {
        return json(
                operation, succeeded(operation, send(operation, "GET", path, query, Map.of(), () -> null, observer)));
    }

    /** GET of a document that is not JSON, e.g. the CSDL of {@code $metadata}: its text. */
    public String getDocument(String operation, String path, String accept, CrmCallObserver observer) {
        return succeeded(
                        operation,
                        send(operation, "GET", path, Map.of(), Map.of("Accept", accept), () -> null, observer))
                .body();
    }

    /** POST of a JSON body; answers the response body, or an empty object when there is none. */
    public JsonObject post(String operation, String path, JsonObject body, CrmCallObserver observer) {
        String text = body.toString();
        CrmTransport.Exchange answer = succeeded(
                operation,
                send(operation, "POST", path, Map.of(), Map.of(), () -> Entity.entity(text, ODATA_JSON), observer));
        return answer.body().isBlank() ? JsonValue.EMPTY_JSON_OBJECT : json(operation, answer);
    }

    /** POST of raw bytes (a file chunk); answers the response body, or an empty object when there is none. */
    public JsonObject postBytes(
            String operation,
            String path,
            Map<String, String> query,
            Map<String, String> headers,
            byte[] bytes,
            CrmCallObserver observer) {
        CrmTransport.Exchange answer = succeeded(
                operation,
                send(
                        operation,
                        "POST",
                        path,
                        query,
                        headers,
                        () -> Entity.entity(bytes, MediaType.APPLICATION_OCTET_STREAM_TYPE),
                        observer));
        return answer.body().isBlank() ? JsonValue.EMPTY_JSON_OBJECT : json(operation, answer);
    }

    /** One request of a {@code $batch}: {@code path} is relative to the OData root ({@code Contact}, {@code Case}). */
    public record BatchPart(String method, String path, Map<String, String> query, JsonObject body) {}

    /** The CRM's answer to one part of a {@code $batch}; {@code status} 0 for a part the CRM did not run. */
    public record PartAnswer(int status, JsonObject body) {

        static final PartAnswer NOT_RUN = new PartAnswer(0, JsonValue.EMPTY_JSON_OBJECT);

        public boolean ran() {
            return status != 0;
        }

        public boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * The parts in one JSON {@code $batch} (Creatio 7.16.1 and later), answered in their order. The
     * CRM runs them in order and stops at the first that fails (no {@code Prefer: continue-on-error}),
     * so what ran is always a prefix: the parts after a failure answer {@link PartAnswer#NOT_RUN}.
     * A CRM (or a proxy in front of it) that does not take the batch at all, and so ran none of it,
     * throws {@link CrmBatchRefusedException}.
     */
    public List<PartAnswer> batch(String operation, String odataRoot, List<BatchPart> parts, CrmCallObserver observer) {
        JsonArrayBuilder requests = JSON.createArrayBuilder();
        for (int i = 0; i < parts.size(); i++) {
            BatchPart part = parts.get(i);
            String query = part.query().entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + CrmTransport.encode(entry.getValue()))
                    .collect(Collectors.joining("&"));
            var request = JSON.createObjectBuilder()
                    .add("id", String.valueOf(i + 1))
                    .add("method", part.method())
                    .add("url", part.path() + (query.isEmpty() ? "" : "?" + query));
            if (part.body() != null) {
                request.add("headers", JSON.createObjectBuilder().add("Content-Type", ODATA_JSON.toString()))
                        .add("body", part.body());
            }
            requests.add(request);
        }
        String text =
                JSON.createObjectBuilder().add("requests", requests).build().toString();
        CrmTransport.Exchange answer;
        try {
            answer = send(
                    operation,
                    "POST",
                    odataRoot + "$batch",
                    Map.of(),
                    Map.of(),
                    () -> Entity.entity(text, ODATA_JSON),
                    observer);
        } catch (CrmRejectedException forbidden) {
            // Forbidden even right after a new login: a proxy that blocks the route, not the session.
            throw new CrmBatchRefusedException(operation + ": " + forbidden.getMessage());
        }
        if (BATCH_REFUSALS.contains(answer.status())) {
            throw new CrmBatchRefusedException(
                    operation + " was refused with HTTP " + answer.status() + ": " + reason(answer));
        }
        JsonObject envelope = json(operation, succeeded(operation, answer));
        if (!(envelope.get("responses") instanceof JsonArray responses)) {
            throw new CrmBatchRefusedException(
                    operation + " was answered without \"responses\" (HTTP " + answer.status() + ")");
        }
        Map<String, PartAnswer> byId = new HashMap<>();
        for (JsonValue item : responses) {
            if (item instanceof JsonObject response && response.get("status") instanceof JsonNumber status) {
                JsonObject body =
                        response.get("body") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
                byId.put(idOf(response.get("id")), new PartAnswer(status.intValue(), body));
            }
        }
        List<PartAnswer> answers = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            answers.add(byId.getOrDefault(String.valueOf(i + 1), PartAnswer.NOT_RUN));
        }
        return answers;
    }

    /**
     * The statuses with which a CRM says it has no {@code $batch} (before 7.16.1: no such route) or
     * cannot read this one; with any of them it ran none of the parts.
     */
    private static final Set<Integer> BATCH_REFUSALS = Set.of(400, 404, 405, 406, 415, 501);

    private static String idOf(JsonValue id) {
        return id instanceof JsonString text ? text.getString() : String.valueOf(id);
    }

    /** The exception for a part of a batch that failed, as if it had been sent alone. */
    public static CrmException failure(String operation, PartAnswer answer) {
        return CrmErrors.classify(
                operation, answer.status(), reason(answer.body()).orElse("no details"));
    }

    private CrmTransport.Exchange send(
            String operation,
            String method,
            String path,
            Map<String, String> query,
            Map<String, String> headers,
            Supplier<Entity<?>> body,
            CrmCallObserver observer) {
        SessionSnapshot used = session.current(observer);
        CrmTransport.Exchange answer = attempt(operation, method, path, query, headers, body, used, observer);
        if (!asksForLogin(answer)) {
            return answer;
        }
        SessionSnapshot renewed = session.renew(used, observer);
        answer = attempt(operation, method, path, query, headers, body, renewed, observer);
        if (!asksForLogin(answer)) {
            return answer;
        }
        if (answer.status() == 403) {
            throw new CrmRejectedException(
                    403, operation + " was forbidden even right after a new login: " + reason(answer));
        }
        throw new CrmAuthenticationException(operation + " was refused even right after a new login (HTTP "
                + answer.status() + "): " + reason(answer));
    }

    private CrmTransport.Exchange attempt(
            String operation,
            String method,
            String path,
            Map<String, String> query,
            Map<String, String> headers,
            Supplier<Entity<?>> body,
            SessionSnapshot snapshot,
            CrmCallObserver observer) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Accept", MediaType.APPLICATION_JSON);
        all.put("ForceUseSession", "true");
        all.putAll(headers);
        all.putAll(snapshot.headers());
        long started = System.nanoTime();
        try {
            CrmTransport.Exchange answer = transport.exchangeInTurn(
                    method, transport.uri(path, query), all, body.get(), observer.visitorWaiting());
            observer.call(operation, answer.status(), answer.millis());
            if (answer.status() >= 200 && answer.status() < 300) {
                session.absorbCookies(snapshot, answer);
            }
            return answer;
        } catch (CrmException unavailable) {
            observer.call(operation, 0, (System.nanoTime() - started) / 1_000_000);
            throw unavailable;
        }
    }

    /** Creatio's ways of saying that the session is gone or the CSRF token is stale. */
    private static boolean asksForLogin(CrmTransport.Exchange answer) {
        int status = answer.status();
        return status == 401
                || status == 403
                || status >= 300 && status < 400
                || status >= 200 && status < 300 && !answer.body().isBlank() && answer.isHtml();
    }

    private static CrmTransport.Exchange succeeded(String operation, CrmTransport.Exchange answer) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return answer;
        }
        throw CrmErrors.classify(operation, status, reason(answer));
    }

    private static JsonObject json(String operation, CrmTransport.Exchange answer) {
        try {
            return JSON.createReader(new StringReader(answer.body())).readObject();
        } catch (JsonException | IllegalStateException notJson) {
            throw new CrmUnavailableException(
                    operation + " answered something other than JSON (HTTP " + answer.status() + ")", notJson);
        }
    }

    /**
     * The CRM's real reason for an error: OData's envelope nests it in
     * {@code error.innererror.internalexception.message}; file services use {@code errorInfo.message}.
     */
    static String reason(CrmTransport.Exchange answer) {
        String body = answer.body() == null ? "" : answer.body().strip();
        if (body.isEmpty()) {
            return "no details";
        }
        if (body.startsWith("{")) {
            try {
                JsonObject envelope = JSON.createReader(new StringReader(body)).readObject();
                return reason(envelope).orElse(abbreviate(body));
            } catch (JsonException | IllegalStateException notJson) {
                return abbreviate(body);
            }
        }
        return answer.isHtml() ? "an HTML page" : abbreviate(body);
    }

    public static Optional<String> reason(JsonObject envelope) {
        JsonObject error = object(envelope, "error");
        JsonObject inner = object(error, "innererror");
        JsonObject internal = object(inner, "internalexception");
        for (JsonObject candidate : new JsonObject[] {internal, inner, error, object(envelope, "errorInfo")}) {
            if (candidate != null
                    && candidate.get("message") instanceof JsonString text
                    && !text.getString().isBlank()) {
                return Optional.of(text.getString());
            }
        }
        if (envelope.get("Message") instanceof JsonString text
                && !text.getString().isBlank()) {
            return Optional.of(text.getString());
        }
        return Optional.empty();
    }

    private static JsonObject object(JsonObject parent, String name) {
        return parent != null && parent.get(name) instanceof JsonObject child ? child : null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
