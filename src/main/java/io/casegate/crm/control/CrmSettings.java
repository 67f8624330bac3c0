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
 * defaults are listed in docs/crm.md. When {@code casegate.crm.url} is not set Casegate delivers
 * into its built-in sandbox, whose demo credentials are then the defaults.
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
        String accountInnColumn,
        String caseOriginId,
        String caseCategoryId,
        String defaultServiceId,
        MessageTarget messageTarget,
        AttachmentTarget attachmentTarget,
        long maxFileSizeBytes,
        Set<String> externalFileTypes,
        int uploadChunkBytes,
        Duration servicesCacheTime,
        List<ServiceOption> fallbackServices) {

    public enum Authentication {
        FORMS,
        OAUTH
    }

    /** Where the visitor's message is written: an Activity linked by CaseId, or the case's message history. */
    public enum MessageTarget {
        ACTIVITY,
        CASE_MESSAGE_HISTORY
    }

    /** Where files are attached: the case (CaseFile) or the message (ActivityFile). */
    public enum AttachmentTarget {
        CASE,
        MESSAGE
    }

    /** Creatio's "Incident" case category: a support request about something that does not work. */
    public static final String INCIDENT_CATEGORY = "1b0bc159-150a-e111-a31b-00155d04c01d";

    public static final String SANDBOX_USERNAME = "Supervisor";
    public static final String SANDBOX_PASSWORD = "Supervisor";
    public static final String SANDBOX_CLIENT_ID = "casegate-sandbox";
    public static final String SANDBOX_CLIENT_SECRET = "casegate-sandbox-secret";

    public static CrmSettings from(Config config) {
        Optional<URI> url = text(config, "casegate.crm.url").map(value -> URI.create(value.replaceAll("/+$", "")));
        boolean sandbox = url.isEmpty();
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
                config.getOptionalValue("casegate.crm.account-inn-column", String.class)
                        .orElse("INN")
                        .strip(),
                text(config, "casegate.crm.case-origin-id").orElse(""),
                text(config, "casegate.crm.case-category-id").orElse(INCIDENT_CATEGORY),
                text(config, "casegate.crm.default-service-id").orElse(""),
                MessageTarget.valueOf(
                        enumName(text(config, "casegate.crm.message-target").orElse("activity"))),
                AttachmentTarget.valueOf(
                        enumName(text(config, "casegate.crm.attachment-target").orElse("case"))),
                Long.parseLong(text(config, "casegate.crm.max-file-size-bytes").orElse("10485760")),
                FileExtensions.parse(
                        text(config, "casegate.crm.external-file-types").orElse("")),
                Integer.parseInt(text(config, "casegate.crm.upload-chunk-bytes").orElse("524288")),
                duration(config, "casegate.crm.services-cache-time", Duration.ofMinutes(5)),
                services(text(config, "casegate.crm.fallback-services").orElse("")));
    }

    /** The CRM's root URL (without {@code /0}); the built-in sandbox when none is configured. */
    URI crmUrl(URI localBaseUrl) {
        return url.orElseGet(() -> URI.create(localBaseUrl + "/sandbox"));
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
        return "CrmSettings[url=" + url.map(URI::toString).orElse("(built-in sandbox)") + ", authentication="
                + authentication
                + ", sessionLifetime=" + sessionLifetime + ", messageTarget=" + messageTarget
                + ", attachmentTarget=" + attachmentTarget + "]";
    }

    private static Optional<String> text(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static Duration duration(Config config, String key, Duration fallback) {
        return config.getOptionalValue(key, Duration.class).orElse(fallback);
    }

    private static String enumName(String value) {
        return value.strip().replace('-', '_').toUpperCase(Locale.ROOT);
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
