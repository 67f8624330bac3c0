package io.casegate.sandbox.auth;

import java.time.Instant;

/** An OAuth 2.0 client-credentials access token; it does not slide, it expires. */
record BearerToken(String value, long lifetimeSeconds, Instant expiresAt) {

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
