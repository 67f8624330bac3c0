package io.casegate.sandbox.auth;

import java.time.Duration;
import java.time.Instant;

/** A forms-login session. Its CSRF token can be replaced at run time (the rotateCsrf fault). */
final class Session {

    private final String authTicket;
    private final String loaderId;
    private final String sessionId;
    private volatile String csrfToken;
    private volatile Instant lastSeen;

    Session(String authTicket, String loaderId, String sessionId, String csrfToken, Instant now) {
        this.authTicket = authTicket;
        this.loaderId = loaderId;
        this.sessionId = sessionId;
        this.csrfToken = csrfToken;
        this.lastSeen = now;
    }

    String authTicket() {
        return authTicket;
    }

    String loaderId() {
        return loaderId;
    }

    String sessionId() {
        return sessionId;
    }

    String csrfToken() {
        return csrfToken;
    }

    void csrfToken(String token) {
        csrfToken = token;
    }

    boolean idleLongerThan(Duration ttl, Instant now) {
        return Duration.between(lastSeen, now).compareTo(ttl) > 0;
    }

    void touch(Instant now) {
        lastSeen = now;
    }
}
