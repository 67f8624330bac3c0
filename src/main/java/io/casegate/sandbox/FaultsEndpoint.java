package io.casegate.sandbox;

import java.util.Map;
import java.util.Set;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.casegate.sandbox.auth.Sessions;
import io.casegate.sandbox.http.CrmRequest;
import io.casegate.sandbox.http.CrmResponse;
import io.casegate.sandbox.http.JsonBodies;
import io.casegate.sandbox.http.SandboxException;
import io.casegate.sandbox.state.Faults;
import io.casegate.sandbox.state.Stats;

/**
 * {@code GET /sandbox/_faults} shows the switches; {@code PUT} (a JSON body, declared as such) changes only the ones it names and runs
 * the one-off actions {@code expireAllSessionsNow} and {@code rotateCsrf}. The body is validated as a
 * whole before anything changes. {@code clockOffsetSeconds} moves the sandbox's clock, so that tests and
 * rehearsals see sessions and tokens expire without waiting.
 */
final class FaultsEndpoint {

    private static final Set<String> KEYS = Set.of(
            "latencyMs",
            "errorRate",
            "outage",
            "sessionTtlSeconds",
            "redirectToLogin",
            "tokenLifetimeSeconds",
            "clockOffsetSeconds",
            "batchRefusedStatus",
            "failCreatesOf",
            "expireAllSessionsNow",
            "rotateCsrf",
            "resetPeakInFlight");

    private final Faults faults;
    private final Sessions sessions;
    private final Stats stats;

    FaultsEndpoint(Faults faults, Sessions sessions, Stats stats) {
        this.faults = faults;
        this.sessions = sessions;
        this.stats = stats;
    }

    CrmResponse handle(CrmRequest request) {
        switch (request.method()) {
            case "GET":
                return CrmResponse.json(200, faults.toJson());
            case "PUT":
            case "POST":
                if (!isJson(request)) {
                    return CrmResponse.error(415, "Send the faults as Content-Type: application/json.");
                }
                apply(JsonBodies.object(request.body(64 * 1024)));
                return CrmResponse.json(200, faults.toJson());
            default:
                return CrmResponse.error(405, "Use GET or PUT on /sandbox/_faults.");
        }
    }

    /**
     * A cross-site form can post {@code text/plain} or form-encoded bodies without a preflight, but not
     * {@code application/json}: insisting on it keeps a web page that a tester visits from switching an
     * outage on his sandbox.
     */
    static boolean isJson(CrmRequest request) {
        return request.header("Content-Type")
                .map(type -> type.split(";", 2)[0].strip().equalsIgnoreCase("application/json"))
                .orElse(false);
    }

    private void apply(JsonObject changes) {
        for (Map.Entry<String, JsonValue> change : changes.entrySet()) {
            if (!KEYS.contains(change.getKey())) {
                throw SandboxException.badRequest("Unknown fault '" + change.getKey() + "'; known: " + KEYS + ".");
            }
        }
        // Everything is parsed and checked before anything changes, so a bad PUT changes nothing.
        Long latency = changes.containsKey("latencyMs") ? Faults.checkLatencyMs(whole(changes, "latencyMs")) : null;
        Double errorRate = changes.containsKey("errorRate")
                ? Faults.checkErrorRate(number(changes, "errorRate").doubleValue())
                : null;
        Long ttl = changes.containsKey("sessionTtlSeconds")
                ? Faults.checkPositive("sessionTtlSeconds", whole(changes, "sessionTtlSeconds"))
                : null;
        Long tokenLifetime = changes.containsKey("tokenLifetimeSeconds")
                ? Faults.checkPositive("tokenLifetimeSeconds", whole(changes, "tokenLifetimeSeconds"))
                : null;
        Long clockOffset = changes.containsKey("clockOffsetSeconds")
                ? Faults.checkClockOffsetSeconds(whole(changes, "clockOffsetSeconds"))
                : null;
        Integer batchRefused = changes.containsKey("batchRefusedStatus")
                ? Faults.checkBatchRefusedStatus(whole(changes, "batchRefusedStatus"))
                : null;
        String failCreatesOf = null;
        if (changes.containsKey("failCreatesOf")) {
            if (!(changes.get("failCreatesOf") instanceof JsonString name)) {
                throw SandboxException.badRequest("failCreatesOf must be the name of an entity set, or \"\".");
            }
            failCreatesOf = name.getString();
        }
        Boolean outage = bool(changes, "outage");
        Boolean redirect = bool(changes, "redirectToLogin");
        Boolean expireAll = bool(changes, "expireAllSessionsNow");
        Boolean rotateCsrf = bool(changes, "rotateCsrf");
        Boolean resetPeak = bool(changes, "resetPeakInFlight");
        if (latency != null) {
            faults.latencyMs(latency);
        }
        if (errorRate != null) {
            faults.errorRate(errorRate);
        }
        if (ttl != null) {
            faults.sessionTtlSeconds(ttl);
        }
        if (tokenLifetime != null) {
            faults.tokenLifetimeSeconds(tokenLifetime);
        }
        if (clockOffset != null) {
            faults.clockOffsetSeconds(clockOffset);
        }
        if (outage != null) {
            faults.outage(outage);
        }
        if (batchRefused != null) {
            faults.batchRefusedStatus(batchRefused);
        }
        if (failCreatesOf != null) {
            faults.failCreatesOf(failCreatesOf);
        }
        if (redirect != null) {
            faults.redirectToLogin(redirect);
        }
        if (Boolean.TRUE.equals(expireAll)) {
            sessions.expireAll();
        }
        if (Boolean.TRUE.equals(rotateCsrf)) {
            sessions.rotateCsrf();
        }
        if (Boolean.TRUE.equals(resetPeak)) {
            stats.resetPeakInFlight();
        }
    }

    private static JsonNumber number(JsonObject changes, String key) {
        if (changes.get(key) instanceof JsonNumber number) {
            return number;
        }
        throw SandboxException.badRequest(key + " must be a number.");
    }

    private static long whole(JsonObject changes, String key) {
        try {
            return number(changes, key).longValueExact();
        } catch (ArithmeticException e) {
            throw SandboxException.badRequest(key + " must be a whole number.");
        }
    }

    private static Boolean bool(JsonObject changes, String key) {
        JsonValue value = changes.get(key);
        if (value == null) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value.getValueType() == JsonValue.ValueType.TRUE;
        }
        throw SandboxException.badRequest(key + " must be true or false.");
    }
}
