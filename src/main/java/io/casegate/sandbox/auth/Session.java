package io.casegate.sandbox.auth;

/** A forms-login session. Its CSRF token can be replaced at run time (the rotateCsrf fault). */
final class Session {

    private final String authTicket;
    private final String loaderId;
    private final String sessionId;
    private volatile String csrfToken;
    private volatile long lastSeenNanos;

    Session(String authTicket, String loaderId, String sessionId, String csrfToken, long now) {
        this.authTicket = authTicket;
        this.loaderId = loaderId;
        this.sessionId = sessionId;
        this.csrfToken = csrfToken;
        this.lastSeenNanos = now;
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

    boolean idleLongerThan(long ttlNanos, long now) {
        return now - lastSeenNanos > ttlNanos;
    }

    void touch(long now) {
        lastSeenNanos = now;
    }
}
