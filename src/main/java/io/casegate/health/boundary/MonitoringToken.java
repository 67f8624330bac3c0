package io.casegate.health.boundary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The token that opens {@code /metrics} and {@code /health} ({@code casegate.monitoring.token};
 * several, comma-separated, while one is replaced by another). Unset: both stay open, as before.
 * Only SHA-256 digests are kept, and a given token is compared with each in constant time.
 */
@ApplicationScoped
class MonitoringToken {

    static final String KEY = "casegate.monitoring.token";

    /** How a scraper sends it: {@code Authorization: Bearer <token>} (RFC 6750). */
    static final String SCHEME = "Bearer ";

    @Inject
    @ConfigProperty(name = KEY)
    Optional<String> tokens;

    List<byte[]> digests = List.of();

    MonitoringToken() {}

    /** With the configured value given, for tests. */
    MonitoringToken(Optional<String> tokens) {
        this.tokens = tokens;
        read();
    }

    @PostConstruct
    void read() {
        digests = Arrays.stream(tokens.orElse("").split(","))
                .map(String::strip)
                .filter(token -> !token.isEmpty())
                .map(MonitoringToken::digest)
                .toList();
    }

    /** False while no token is configured: then everybody may read the metrics and the health. */
    boolean required() {
        return !digests.isEmpty();
    }

    /** Whether the {@code Authorization} header lets its sender in. */
    boolean admits(String authorization) {
        if (!required()) {
            return true;
        }
        if (authorization == null
                || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] candidate = digest(authorization.substring(SCHEME.length()).strip());
        boolean matched = false;
        for (byte[] known : digests) {
            matched |= MessageDigest.isEqual(known, candidate);
        }
        return matched;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
