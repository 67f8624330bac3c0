package io.casegate.sandbox.auth;

/** An OAuth 2.0 client-credentials access token; it does not slide, it expires. */
record BearerToken(String value, long lifetimeSeconds, long expiresAtNanos) {

    boolean expiredAt(long now) {
        return now - expiresAtNanos >= 0;
    }
}
