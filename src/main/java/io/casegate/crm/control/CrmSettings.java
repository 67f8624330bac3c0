package io.casegate.crm.control;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.Config;

import io.casegate.crm.entity.ServiceOption;
import io.casegate.platform.FileExtensions;

/**
 * Everything configurable about the CRM, read once from MicroProfile Config. The keys and their
 * defaults are listed in docs/crm.md; what the workflow writes and searches is its {@link #mapping()}. When {@code casegate.crm.url} is not set Casegate delivers
 * into its built-in sandbox only if {@code casegate.sandbox.enabled} is true (the demo), and only then
 * are the sandbox's demo credentials the defaults; with neither, no CRM is configured and nothing is
 * delivered (docs/security.md): a typo in a key must never send data anywhere.
 */
public record CrmSettings(
        Optional<URI> url,
        Authentication authentication,
        String username,
        String password,
        String clientId,
        String clientSecret,
        Optional<URI> tokenUrl,
        Duration sessionLifetime,
        Duration connectTimeout,
        Duration readTimeout,
        Duration loginBackoff,
        Duration loginBackoffMax,
        int maxConcurrency,
        CrmMapping mapping,
        long maxFileSizeBytes,
        Set<String> externalFileTypes,
        int uploadChunkBytes,
        Duration servicesCacheTime,
        List<ServiceOption> fallbackServices,
        boolean builtInSandbox,
        boolean batchRequests) {

    public enum Authentication {
        FORMS,
        OAUTH
    }

    public static final String SANDBOX_USERNAME = "Supervisor";
    public static final String SANDBOX_PASSWORD = "Supervisor";
    public static final String SANDBOX_CLIENT_ID = "casegate-sandbox";
    public static final String SANDBOX_CLIENT_SECRET = "casegate-sandbox-secret";

    /** The key that names the CRM; an operator who sees "no CRM configured" sets this one. */
    public static final String URL_KEY = "casegate.crm.url";

    public static CrmSettings from(Config config) {
        Optional<URI> url = text(config, URL_KEY).map(value -> URI.create(value.replaceAll("/+$", "")));
        boolean sandbox = url.isEmpty()
                && config.getOptionalValue("casegate.sandbox.enabled", Boolean.class)
                        .orElse(false);
        return new CrmSettings(
                url,
                Authentication.valueOf(
                        text(config, "casegate.crm.auth").orElse("forms").toUpperCase(Locale.ROOT)),
                text(config, "casegate.crm.username").orElse(sandbox ? SANDBOX_USERNAME : ""),
                text(config, "casegate.crm.password").orElse(sandbox ? SANDBOX_PASSWORD : ""),
                text(config, "casegate.crm.client-id").orElse(sandbox ? SANDBOX_CLIENT_ID : ""),
                text(config, "casegate.crm.client-secret").orElse(sandbox ? SANDBOX_CLIENT_SECRET : ""),
                text(config, "casegate.crm.token-url").map(URI::create),
                duration(config, "casegate.crm.session-lifetime", Duration.ofMinutes(50)),
                duration(config, "casegate.crm.connect-timeout", Duration.ofSeconds(5)),
                duration(config, "casegate.crm.read-timeout", Duration.ofSeconds(30)),
                duration(config, "casegate.crm.login-backoff", Duration.ofSeconds(30)),
                duration(config, "casegate.crm.login-backoff-max", Duration.ofMinutes(15)),
                Integer.parseInt(text(config, "casegate.crm.max-concurrency").orElse("8")),
                CrmMapping.from(config),
                Long.parseLong(text(config, "casegate.crm.max-file-size-bytes").orElse("10485760")),
                FileExtensions.parse(
                        text(config, "casegate.crm.external-file-types").orElse("")),
                Integer.parseInt(text(config, "casegate.crm.upload-chunk-bytes").orElse("524288")),
                duration(config, "casegate.crm.services-cache-time", Duration.ofMinutes(5)),
                services(text(config, "casegate.crm.fallback-services").orElse("")),
                sandbox,
                config.getOptionalValue("casegate.crm.batch-requests", Boolean.class)
                        .orElse(true));
    }

    /** False when there is nowhere to deliver: no {@code casegate.crm.url} and the built-in sandbox off. */
    public boolean crmConfigured() {
        return url.isPresent() || builtInSandbox;
    }

    /** The CRM's root URL (without {@code /0}): the configured one, or the built-in sandbox; null when there is none. */
    URI crmUrl(URI localBaseUrl) {
        return url.orElseGet(() -> builtInSandbox ? URI.create(localBaseUrl + "/sandbox") : null);
    }

    URI tokenUrl(URI crmUrl) {
        return tokenUrl.orElseGet(() -> URI.create(crmUrl + "/connect/token"));
    }

    public boolean isExternalFileType(String fileName) {
        return externalFileTypes.contains(FileExtensions.of(fileName));
    }

    /** Secrets stay out of logs even when someone logs the settings. */
    @Override
    public String toString() {
        return "CrmSettings[url=" + url.map(URI::toString).orElse(builtInSandbox ? "(built-in sandbox)" : "(none)")
                + ", authentication="
                + authentication
                + ", sessionLifetime=" + sessionLifetime + ", mapping=" + mapping + "]";
    }

    private static Optional<String> text(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static Duration duration(Config config, String key, Duration fallback) {
        return config.getOptionalValue(key, Duration.class).orElse(fallback);
    }

    /** {@code id=Name;id=Name} (or just {@code Name;Name}, then the name stands for the id too). */
    static List<ServiceOption> services(String list) {
        List<ServiceOption> services = new ArrayList<>();
        for (String item : list.split(";")) {
            String entry = item.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int equals = entry.indexOf('=');
            services.add(
                    equals < 0
                            ? new ServiceOption(entry, entry)
                            : new ServiceOption(
                                    entry.substring(0, equals).strip(),
                                    entry.substring(equals + 1).strip()));
        }
        return List.copyOf(services);
    }
}
