package io.casegate.sandbox.state;

import static io.casegate.sandbox.http.SandboxJson.JSON;

import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Counters of CRM calls, so tests can assert how often a client logged in or called at all. */
public final class Stats {

    private final AtomicLong logins = new AtomicLong();
    private final AtomicLong failedLogins = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong logouts = new AtomicLong();
    private final ConcurrentMap<String, AtomicLong> routes = new ConcurrentSkipListMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    /** A CRM call began (latency included): rehearsals see how many a client keeps in flight at once. */
    public void entered() {
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
    }

    public void left() {
        inFlight.decrementAndGet();
    }

    /** Starts a new peak from the calls in flight now ({@code _faults} action {@code resetPeakInFlight}). */
    public void resetPeakInFlight() {
        peakInFlight.set(inFlight.get());
    }

    public void login(boolean succeeded) {
        (succeeded ? logins : failedLogins).incrementAndGet();
    }

    /** A logout that ended a session which was still open. */
    public void logout() {
        logouts.incrementAndGet();
    }

    public void request() {
        requests.incrementAndGet();
    }

    /** Counts a CRM call by its route, so a test can tell e.g. which upload service a client used. */
    public void request(String route) {
        request();
        routes.computeIfAbsent(route, key -> new AtomicLong()).incrementAndGet();
    }

    public void tokenIssued() {
        tokens.incrementAndGet();
    }

    public JsonObject toJson() {
        JsonObjectBuilder byRoute = JSON.createObjectBuilder();
        routes.forEach((route, count) -> byRoute.add(route, count.get()));
        return JSON.createObjectBuilder()
                .add("logins", logins.get())
                .add("failedLogins", failedLogins.get())
                .add("requests", requests.get())
                .add("tokens", tokens.get())
                .add("logouts", logouts.get())
                .add("inFlight", inFlight.get())
                .add("peakInFlight", peakInFlight.get())
                .add("routes", byRoute)
                .build();
    }
}
