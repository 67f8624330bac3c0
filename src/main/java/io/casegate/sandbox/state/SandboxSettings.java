package io.casegate.sandbox.state;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

/**
 * The sandbox's start-time settings, all under {@code casegate.sandbox.}. Durations are read as
 * {@link Duration} so that they take the one syntax of every key ({@code 30s}, {@code 1h}, ISO-8601),
 * converted by the converter the application registers with MicroProfile Config.
 */
public record SandboxSettings(
        String username,
        String password,
        long sessionTimeoutSeconds,
        boolean unauthenticatedRedirect,
        long maxFileSizeBytes,
        long maxJsonBodyBytes,
        String clientId,
        String clientSecret,
        long tokenLifetimeSeconds,
        long latencyMs,
        double errorRate,
        boolean outage,
        Optional<String> accountInnColumn,
        boolean caseInsensitiveStrings) {

    private static final String PREFIX = "casegate.sandbox.";

    public static SandboxSettings from(Config config) {
        return new SandboxSettings(
                config.getOptionalValue(PREFIX + "username", String.class).orElse("Supervisor"),
                config.getOptionalValue(PREFIX + "password", String.class).orElse("Supervisor"),
                config.getOptionalValue(PREFIX + "session-timeout", Duration.class)
                        .orElse(Duration.ofHours(1))
                        .toSeconds(),
                config.getOptionalValue(PREFIX + "unauthenticated-redirect", Boolean.class)
                        .orElse(false),
                config.getOptionalValue(PREFIX + "max-file-size-bytes", Long.class)
                        .orElse(10L * 1024 * 1024),
                config.getOptionalValue(PREFIX + "max-json-body-bytes", Long.class)
                        .orElse(16L * 1024 * 1024),
                config.getOptionalValue(PREFIX + "client-id", String.class).orElse("casegate-sandbox"),
                config.getOptionalValue(PREFIX + "client-secret", String.class).orElse("casegate-sandbox-secret"),
                config.getOptionalValue(PREFIX + "token-lifetime", Duration.class)
                        .orElse(Duration.ofHours(1))
                        .toSeconds(),
                config.getOptionalValue(PREFIX + "faults.latency", Duration.class)
                        .orElse(Duration.ZERO)
                        .toMillis(),
                config.getOptionalValue(PREFIX + "faults.error-rate", Double.class)
                        .orElse(0.0),
                config.getOptionalValue(PREFIX + "faults.outage", Boolean.class).orElse(false),
                config.getOptionalValue(PREFIX + "account-inn-column", String.class)
                        .map(String::strip)
                        .filter(name -> !name.isEmpty() && !name.equalsIgnoreCase("none")),
                config.getOptionalValue(PREFIX + "case-insensitive-strings", Boolean.class)
                        .orElse(false));
    }

    /** Never prints the password or the client secret. */
    @Override
    public String toString() {
        return "SandboxSettings[username=" + username + ", sessionTimeoutSeconds=" + sessionTimeoutSeconds
                + ", unauthenticatedRedirect=" + unauthenticatedRedirect + ", maxFileSizeBytes=" + maxFileSizeBytes
                + ", clientId=" + clientId + ", tokenLifetimeSeconds=" + tokenLifetimeSeconds
                + ", latencyMs=" + latencyMs + ", errorRate=" + errorRate + ", outage=" + outage
                + ", accountInnColumn=" + accountInnColumn.orElse("none") + ", caseInsensitiveStrings="
                + caseInsensitiveStrings + "]";
    }
}
