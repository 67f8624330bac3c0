package io.casegate.sandbox.state;

import static io.casegate.sandbox.http.SandboxJson.JSON;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.json.JsonObject;

/** Counters of CRM calls, so tests can assert how often a client logged in or called at all. */
public final class Stats {

    private final AtomicLong logins = new AtomicLong();
    private final AtomicLong failedLogins = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong logouts = new AtomicLong();

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

    public void tokenIssued() {
        tokens.incrementAndGet();
    }

    public JsonObject toJson() {
        return JSON.createObjectBuilder()
                .add("logins", logins.get())
                .add("failedLogins", failedLogins.get())
                .add("requests", requests.get())
                .add("tokens", tokens.get())
                .add("logouts", logouts.get())
                .build();
    }
}
