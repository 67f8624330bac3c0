package io.casegate.feedback.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The keys of the REST intake ({@code casegate.api.keys}, comma-separated). Only their SHA-256
 * digests are kept, and a given key is compared with every one of them in constant time, so the
 * answer time tells nothing about how much of a key was right. No key configured: the API is closed.
 */
@ApplicationScoped
public class ApiKeys {

    public enum Verdict {
        ACCEPTED,
        CLOSED,
        MISSING,
        WRONG
    }

    @Inject
    @ConfigProperty(name = "casegate.api.keys")
    Optional<String> keys;

    List<byte[]> digests = List.of();

    public ApiKeys() {}

    /** With the configured keys given, for tests. */
    ApiKeys(Optional<String> keys) {
        this.keys = keys;
        read();
    }

    @PostConstruct
    void read() {
        digests = Arrays.stream(keys.orElse("").split(","))
                .map(String::strip)
                .filter(key -> !key.isEmpty())
                .map(ApiKeys::digest)
                .toList();
    }

    public Verdict check(String given) {
        if (digests.isEmpty()) {
            return Verdict.CLOSED;
        }
        if (given == null || given.isBlank()) {
            return Verdict.MISSING;
        }
        byte[] candidate = digest(given.strip());
        boolean matched = false;
        for (byte[] known : digests) {
            matched |= MessageDigest.isEqual(known, candidate);
        }
        return matched ? Verdict.ACCEPTED : Verdict.WRONG;
    }

    /** A short, non-reversible name of a key, to keep the idempotency keys of different clients apart. */
    public static String clientIdOf(String key) {
        return HexFormat.of().formatHex(digest(key.strip()), 0, 8);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
