package io.casegate.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.Config;

/**
 * Every configuration key Casegate reads, with what its value must look like. The classes that read
 * a key keep its default (docs/configuration.md lists both); this list exists so that a wrong value
 * stops the start with the key's name instead of being replaced by the default in silence (what
 * Payara does with an injected value its converter refuses). ConfigKeysTest keeps it, the code and
 * docs/configuration.md in step.
 */
public final class ConfigKeys {

    /** What a key's value must be: a test of the stripped text, and the words that say so to an operator. */
    public record Expect(String description, Predicate<String> accepts) {}

    public record Key(String name, Expect expect, boolean secret) {}

    private static final Set<String> TRUE_OR_FALSE =
            Set.of("true", "false", "yes", "no", "y", "n", "on", "off", "1", "0");

    public static final Expect TEXT = new Expect("any text", value -> true);
    public static final Expect BOOLEAN = new Expect("true or false", value -> TRUE_OR_FALSE.contains(lower(value)));
    public static final Expect DURATION =
            new Expect("a duration such as 500ms, 30s, 5m, 2h, 7d or PT30S", value -> isDuration(value));
    public static final Expect URL = new Expect("an http or https URL such as https://mycompany.creatio.com", value -> {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute()
                    && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    });
    public static final Expect ID = new Expect("a GUID such as 1b0bc159-150a-e111-a31b-00155d04c01d", ConfigKeys::isId);
    public static final Expect ID_OR_NONE = new Expect(
            "a GUID such as 1b0bc159-150a-e111-a31b-00155d04c01d, or none",
            value -> isId(value) || value.equalsIgnoreCase("none"));
    public static final Expect IDS_OR_NONE = new Expect(
            "GUIDs separated by commas, or none",
            value -> value.equalsIgnoreCase("none")
                    || List.of(value.split("[,;\\s]+")).stream()
                            .filter(item -> !item.isBlank())
                            .allMatch(ConfigKeys::isId));
    public static final Expect ZONE = new Expect("a time zone such as Europe/Moscow", value -> {
        try {
            ZoneId.of(value);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    });
    public static final Expect JDBC_URL = new Expect(
            "a JDBC URL starting with jdbc:h2: or jdbc:postgresql:",
            value -> value.startsWith("jdbc:h2:") || value.startsWith("jdbc:postgresql:"));
    public static final Expect FRACTION = new Expect("a number from 0 to 1, such as 0.1", value -> {
        try {
            double number = Double.parseDouble(value);
            return number >= 0 && number <= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    });
    public static final Expect PATH =
            new Expect("a path such as /0/rest/FileApiService/UploadFile", value -> !value.contains(" "));

    public static final Expect DIRECTORY = new Expect("an existing directory", value -> {
        try {
            return Files.isDirectory(Path.of(value));
        } catch (RuntimeException e) {
            return false;
        }
    });

    /** A key that, switched on, needs others: set without them, the start stops with their names. */
    private static final Map<String, List<String>> NEEDS =
            Map.of("casegate.captcha.enabled", List.of("casegate.captcha.site-key", "casegate.captcha.server-key"));

    /**
     * Bearer tokens (RFC 6750's token characters), at least 16 characters each, comma-separated: long
     * enough not to be guessed, and nothing that a header or a Prometheus file would mangle.
     */
    public static final Expect MONITORING_TOKENS = new Expect(
            "tokens of at least 16 characters of A-Z a-z 0-9 - . _ ~ + / separated by commas,"
                    + " such as the output of openssl rand -hex 32",
            value -> List.of(value.split(",")).stream()
                    .map(String::strip)
                    .allMatch(token -> token.matches("[A-Za-z0-9._~+/-]{16,}=*")));

    /** Keys that an earlier version read under another name: set, they stop the start rather than be ignored. */
    public static final Map<String, String> RENAMED = Map.of(
            "casegate.sandbox.session-timeout-seconds", "casegate.sandbox.session-timeout",
            "casegate.sandbox.token-lifetime-seconds", "casegate.sandbox.token-lifetime",
            "casegate.sandbox.faults.latency-ms", "casegate.sandbox.faults.latency");

    private static final Map<String, Key> KEYS = new LinkedHashMap<>();

    static {
        // platform: where things live, the clock's zone, the port
        add("casegate.data.dir", TEXT);
        // A JDBC URL may carry a password (?password=...): never repeated either.
        KEYS.put("casegate.db.url", new Key("casegate.db.url", JDBC_URL, true));
        add("casegate.db.user", TEXT);
        secret("casegate.db.password");
        // A server-managed data source instead of the built-in one (DatabaseSchema): a system property.
        add(
                "casegate.db.jndi-name",
                new Expect(
                        "a JNDI name such as java:jboss/datasources/CasegateDS or jdbc/casegate",
                        value -> !value.contains(" ") && !value.contains("${")));
        add("casegate.http.port", whole(1, 65535));
        add("casegate.public-url", URL);
        add("casegate.time-zone", ZONE);
        // platform: browser and session hardening (BrowserHardeningFilter)
        add("casegate.http.frame-ancestors", TEXT);
        add("casegate.http.secure-cookies", BOOLEAN);
        add("casegate.http.session-timeout", DURATION);
        add(
                ClientAddress.KEY,
                new Expect(
                        "IP addresses or CIDR ranges separated by commas, such as 10.0.0.0/8,::1, or none",
                        ClientAddress::isValidList));
        // abuse limits (docs/security.md): 0 switches a limit off
        add("casegate.limits.form.max", whole(0, 1_000_000));
        add("casegate.limits.form.window", DURATION);
        add("casegate.limits.status.max", whole(0, 1_000_000));
        add("casegate.limits.status.window", DURATION);
        add("casegate.limits.case-number.max", whole(0, 1_000_000));
        add("casegate.limits.case-number.window", DURATION);
        add("casegate.limits.admin-login.max-failures", whole(0, 1_000_000));
        add("casegate.limits.admin-login.window", DURATION);
        add("casegate.limits.api.max", whole(0, 1_000_000));
        add("casegate.limits.api.window", DURATION);
        // feedback: personal data (docs/security.md, "Personal data (152-FZ)")
        add("casegate.privacy.retention", DURATION);
        add("casegate.privacy.check-interval", DURATION);
        // feedback: the form and the REST API
        add("casegate.form.case-number-wait", DURATION);
        add("casegate.form.file-required", BOOLEAN);
        add("casegate.form.success-redirect", URL);
        // feedback: the optional CAPTCHA on the form (Yandex SmartCaptcha)
        add("casegate.captcha.enabled", BOOLEAN);
        add("casegate.captcha.site-key", TEXT);
        secret("casegate.captcha.server-key");
        add("casegate.captcha.verify-url", URL);
        add("casegate.captcha.script-url", URL);
        add("casegate.captcha.timeout", DURATION);
        // platform: the operator's texts, colours and logo (Branding)
        add("casegate.branding.dir", DIRECTORY);
        // Recorded with every consent, in submission.consent_text_version (V1: 100 characters).
        add("casegate.consent.version", new Expect("a text of at most 100 characters", value -> value.length() <= 100));
        secret("casegate.api.keys");
        // attachments
        add("casegate.attachments.dir", TEXT);
        add("casegate.attachments.retention", DURATION);
        add("casegate.attachments.retention-check-interval", DURATION);
        add("casegate.attachments.orphan-age", DURATION);
        add("casegate.files.max-count", whole(1, 1000));
        add("casegate.files.max-file-size-mb", whole(1, 2048));
        add("casegate.files.max-total-size-mb", whole(1, 10240));
        add("casegate.files.allowed-extensions", TEXT);
        add("casegate.external-files.lifetime", DURATION);
        // delivery
        add("casegate.delivery.poll-interval", DURATION);
        add("casegate.delivery.attempt-timeout", DURATION);
        add("casegate.delivery.concurrency", whole(1, 64));
        add("casegate.delivery.retry.base", DURATION);
        add("casegate.delivery.retry.max", DURATION);
        add("casegate.delivery.retry.max-attempts", whole(1, 1000));
        // cases
        add("casegate.cases.visitor-wait", DURATION);
        // acknowledgements
        add("casegate.mail.host", TEXT);
        add("casegate.mail.port", whole(1, 65535));
        add("casegate.mail.username", TEXT);
        secret("casegate.mail.password");
        add(
                "casegate.mail.from",
                new Expect("an e-mail address such as noreply@example.com", value -> value.contains("@")));
        add("casegate.mail.starttls", BOOLEAN);
        add("casegate.mail.daily-limit-per-recipient", whole(0, 1_000_000));
        // admin
        secret("casegate.admin.users");
        // health: who may read /metrics and /health (sent as Authorization: Bearer <token>)
        KEYS.put("casegate.monitoring.token", new Key("casegate.monitoring.token", MONITORING_TOKENS, true));
        // crm: the connection
        add("casegate.crm.url", URL);
        add("casegate.crm.auth", words("forms", "oauth"));
        add("casegate.crm.username", TEXT);
        secret("casegate.crm.password");
        add("casegate.crm.client-id", TEXT);
        secret("casegate.crm.client-secret");
        add("casegate.crm.token-url", URL);
        add("casegate.crm.session-lifetime", DURATION);
        add("casegate.crm.connect-timeout", DURATION);
        add("casegate.crm.read-timeout", DURATION);
        add("casegate.crm.login-backoff", DURATION);
        add("casegate.crm.login-backoff-max", DURATION);
        add("casegate.crm.max-concurrency", whole(1, 64));
        add("casegate.crm.batch-requests", BOOLEAN);
        add("casegate.crm.max-file-size-bytes", whole(1, Integer.MAX_VALUE));
        add("casegate.crm.external-file-types", TEXT);
        add("casegate.crm.upload-chunk-bytes", whole(1024, 64 * 1024 * 1024));
        add("casegate.crm.services-cache-time", DURATION);
        add("casegate.crm.services-wait", DURATION);
        add("casegate.crm.fallback-services", TEXT);
        add("casegate.crm.self-check-interval", DURATION);
        // crm: the mapping
        add("casegate.crm.rename", TEXT);
        add("casegate.crm.account-inn-column", TEXT);
        add("casegate.crm.service.entity-set", TEXT);
        add("casegate.crm.service.case-column", TEXT);
        add("casegate.crm.service.filter", TEXT);
        add("casegate.crm.default-service-id", ID_OR_NONE);
        add("casegate.crm.communication-type.email", ID);
        add("casegate.crm.communication-type.phones", IDS_OR_NONE);
        add("casegate.crm.case-origin-id", ID_OR_NONE);
        add("casegate.crm.case-category-id", ID_OR_NONE);
        add("casegate.crm.case-priority-id", ID_OR_NONE);
        add("casegate.crm.case-status-id", ID_OR_NONE);
        add("casegate.crm.message-target", words("activity", "case-message-history"));
        add("casegate.crm.activity.type-id", ID_OR_NONE);
        add("casegate.crm.activity.message-type-id", ID_OR_NONE);
        add("casegate.crm.activity.status-id", ID_OR_NONE);
        add("casegate.crm.activity.category-id", ID_OR_NONE);
        add("casegate.crm.activity.owner-id", ID_OR_NONE);
        add("casegate.crm.message-history.notifier-id", ID_OR_NONE);
        add("casegate.crm.attachment-target", words("case", "message"));
        add("casegate.crm.file-type.link-id", ID);
        add("casegate.crm.upload-path", PATH);
        // sandbox (read by the sandbox itself; listed here so that a wrong value stops the start too)
        add("casegate.sandbox.enabled", BOOLEAN);
        // Checked by the sandbox itself (addresses and CIDR ranges); a wrong entry stops the start there.
        add("casegate.sandbox.allowed-clients", TEXT);
        add("casegate.sandbox.username", TEXT);
        secret("casegate.sandbox.password");
        add("casegate.sandbox.session-timeout", DURATION);
        add("casegate.sandbox.unauthenticated-redirect", BOOLEAN);
        add("casegate.sandbox.max-file-size-bytes", whole(1, Integer.MAX_VALUE));
        add("casegate.sandbox.max-json-body-bytes", whole(1, Integer.MAX_VALUE));
        add("casegate.sandbox.client-id", TEXT);
        secret("casegate.sandbox.client-secret");
        add("casegate.sandbox.token-lifetime", DURATION);
        add("casegate.sandbox.faults.latency", DURATION);
        add("casegate.sandbox.faults.error-rate", FRACTION);
        add("casegate.sandbox.faults.outage", BOOLEAN);
        add("casegate.sandbox.account-inn-column", TEXT);
        add("casegate.sandbox.case-insensitive-strings", BOOLEAN);
    }

    private ConfigKeys() {}

    public static Map<String, Key> all() {
        return Collections.unmodifiableMap(KEYS);
    }

    public static Expect whole(long min, long max) {
        return new Expect("a whole number from " + min + " to " + max, value -> {
            try {
                long number = Long.parseLong(value);
                return number >= min && number <= max;
            } catch (NumberFormatException e) {
                return false;
            }
        });
    }

    /** One of these words, in any case; {@code -} and {@code _} are the same. */
    public static Expect words(String... words) {
        Set<String> accepted = Set.of(words);
        return new Expect(
                "one of " + String.join(", ", words),
                value -> accepted.contains(lower(value).replace('_', '-')));
    }

    /**
     * One line per wrong value, e.g. {@code casegate.delivery.concurrency: expected a whole number from 1 to 64,
     * got "many"}; a secret's value is never repeated. Empty when every value is right.
     */
    public static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        for (Key key : KEYS.values()) {
            Optional<String> raw = config.getOptionalValue(key.name(), String.class)
                    .map(String::strip)
                    .filter(value -> !value.isEmpty());
            if (raw.isPresent() && !key.expect().accepts().test(raw.get())) {
                problems.add(key.name() + ": expected " + key.expect().description() + ", got "
                        + (key.secret() ? "the value of " + key.name() : "\"" + raw.get() + "\""));
            }
        }
        NEEDS.forEach((key, needed) -> {
            boolean on = config.getOptionalValue(key, String.class)
                    .map(value -> Set.of("true", "yes", "y", "on", "1").contains(lower(value.strip())))
                    .orElse(false);
            for (String other : needed) {
                if (on
                        && config.getOptionalValue(other, String.class)
                                .filter(value -> !value.isBlank())
                                .isEmpty()) {
                    problems.add(key + ": is true, so " + other + " must be set too");
                }
            }
        });
        RENAMED.forEach((old, current) -> {
            if (config.getOptionalValue(old, String.class).isPresent()) {
                problems.add(old + ": no longer read; set " + current + " instead (" + DURATION.description() + ")");
            }
        });
        return problems;
    }

    private static void add(String name, Expect expect) {
        KEYS.put(name, new Key(name, expect, false));
    }

    private static void secret(String name) {
        KEYS.put(name, new Key(name, TEXT, true));
    }

    private static boolean isDuration(String value) {
        try {
            return !DurationConverter.parse(value).isNegative();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isId(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
