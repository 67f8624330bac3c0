package io.casegate.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.casegate.testing.MapConfig;

class ConfigKeysTest {

    /** Names under {@code casegate.} in the code that are not configuration keys. */
    private static final Set<String> NOT_KEYS = Set.of("casegate.sandbox.path");

    private static final Pattern LITERAL = Pattern.compile("\"(casegate\\.[a-z0-9.-]*[a-z0-9])\"");
    private static final Pattern PREFIXED = Pattern.compile("PREFIX \\+ \"([a-z0-9.-]+)\"");
    private static final Pattern PREFIX = Pattern.compile("String PREFIX = \"(casegate\\.[a-z0-9.-]+\\.)\"");
    private static final Pattern PROPERTY = Pattern.compile("(?m)^(casegate\\.[a-z0-9.-]+)=");
    private static final Pattern DOCUMENTED = Pattern.compile("(?m)^\\| `(casegate\\.[a-z0-9.-]+)` \\|");

    @Test
    void everyKeyTheCodeReadsIsListedAndNoOther() throws IOException {
        assertSameKeys(keysInTheCode(), ConfigKeys.all().keySet(), "the code", "ConfigKeys");
    }

    @Test
    void docsConfigurationDescribesEveryKeyAndNoOther() throws IOException {
        String doc = Files.readString(Path.of("docs", "configuration.md"));
        Set<String> documented = new TreeSet<>();
        Matcher matcher = DOCUMENTED.matcher(doc);
        while (matcher.find()) {
            assertTrue(documented.add(matcher.group(1)), "listed twice: " + matcher.group(1));
        }
        assertSameKeys(ConfigKeys.all().keySet(), documented, "the code", "docs/configuration.md");
    }

    /** A misspelt variable in the example would be ignored by Casegate in silence. */
    @Test
    void theDockerFilesNameOnlyVariablesOfKnownKeys() throws IOException {
        Set<String> variables = new TreeSet<>();
        for (String key : ConfigKeys.all().keySet()) {
            variables.add(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT));
        }
        Pattern variable = Pattern.compile("\\b(CASEGATE_[A-Z0-9_]+)\\b");
        for (Path file : List.of(Path.of("docker", "casegate.env.example"), Path.of("docker", "compose.yaml"))) {
            Matcher matcher = variable.matcher(Files.readString(file));
            int found = 0;
            while (matcher.find()) {
                found++;
                assertTrue(
                        variables.contains(matcher.group(1)), file + ": " + matcher.group(1) + " is no key's variable");
            }
            assertTrue(found > 0, file.toString());
        }
    }

    @Test
    void aWrongNumberIsNamedWithItsKeyAndWhatWasExpected() {
        assertEquals(
                List.of("casegate.delivery.concurrency: expected a whole number from 1 to 64, got \"many\""),
                ConfigKeys.problems(MapConfig.of(Map.of("casegate.delivery.concurrency", "many"))));
        assertEquals(
                List.of("casegate.delivery.concurrency: expected a whole number from 1 to 64, got \"0\""),
                ConfigKeys.problems(MapConfig.of(Map.of("casegate.delivery.concurrency", "0"))));
    }

    @Test
    void aConsentVersionLongerThanItsColumnStopsTheStart() {
        assertEquals(
                List.of("casegate.consent.version: expected a text of at most 100 characters, got \"" + "v".repeat(101)
                        + "\""),
                ConfigKeys.problems(MapConfig.of(Map.of("casegate.consent.version", "v".repeat(101)))));
        assertEquals(List.of(), ConfigKeys.problems(MapConfig.of(Map.of("casegate.consent.version", "v".repeat(100)))));
    }

    @Test
    void durationsInEitherSyntaxPassAndOthersAreNamed() {
        for (String duration : List.of("7s", "500ms", "5m", "2h", "7d", "PT7S", "P7D", "30")) {
            assertEquals(
                    List.of(),
                    ConfigKeys.problems(MapConfig.of(Map.of(
                            "casegate.delivery.poll-interval", duration,
                            "casegate.crm.session-lifetime", duration,
                            "casegate.attachments.retention", duration,
                            "casegate.form.case-number-wait", duration,
                            "casegate.sandbox.session-timeout", duration))),
                    duration);
        }
        assertEquals(
                List.of("casegate.delivery.poll-interval: expected a duration such as 500ms, 30s, 5m, 2h, 7d or PT30S,"
                        + " got \"7 seconds\""),
                ConfigKeys.problems(MapConfig.of(Map.of("casegate.delivery.poll-interval", "7 seconds"))));
    }

    @Test
    void wordsUrlsAndIdsAreChecked() {
        List<String> problems = ConfigKeys.problems(MapConfig.of(Map.of(
                "casegate.crm.auth", "kerberos",
                "casegate.crm.url", "mycompany.creatio.com",
                "casegate.crm.case-origin-id", "web",
                "casegate.mail.starttls", "sometimes",
                "casegate.crm.message-target", "case_message_history",
                "casegate.crm.case-category-id", "none")));
        assertEquals(
                List.of(
                        "casegate.mail.starttls: expected true or false, got \"sometimes\"",
                        "casegate.crm.url: expected an http or https URL such as https://mycompany.creatio.com,"
                                + " got \"mycompany.creatio.com\"",
                        "casegate.crm.auth: expected one of forms, oauth, got \"kerberos\"",
                        "casegate.crm.case-origin-id: expected a GUID such as 1b0bc159-150a-e111-a31b-00155d04c01d,"
                                + " or none, got \"web\""),
                problems);
    }

    @Test
    void aSecretsValueIsNeverRepeated() {
        assertEquals(
                List.of("casegate.db.url: expected a JDBC URL starting with jdbc:h2: or jdbc:postgresql:,"
                        + " got the value of casegate.db.url"),
                ConfigKeys.problems(MapConfig.of(Map.of(
                        "casegate.db.url",
                        "postgres://casegate:hunter2@db/casegate",
                        "casegate.crm.password",
                        "hunter2"))));
    }

    @Test
    void aShortOrMangledMonitoringTokenStopsTheStartWithoutBeingRepeated() {
        for (String bad : List.of("short", "0123456789abcdef 0123", "0123456789abcdef,x", "0123456789abcdéf0123")) {
            assertEquals(
                    List.of("casegate.monitoring.token: expected " + ConfigKeys.MONITORING_TOKENS.description()
                            + ", got the value of casegate.monitoring.token"),
                    ConfigKeys.problems(MapConfig.of(Map.of("casegate.monitoring.token", bad))),
                    bad);
        }
        assertEquals(
                List.of(),
                ConfigKeys.problems(MapConfig.of(Map.of(
                        "casegate.monitoring.token",
                        "0123456789abcdef0123456789abcdef, dGhpcyBpcyBhIHRva2VuIQ==,a-b.c_d~e+f/g0123"))));
    }

    @Test
    void aRenamedKeyStopsTheStartWithItsNewName() {
        assertEquals(
                List.of("casegate.sandbox.session-timeout-seconds: no longer read; set casegate.sandbox.session-timeout"
                        + " instead (a duration such as 500ms, 30s, 5m, 2h, 7d or PT30S)"),
                ConfigKeys.problems(MapConfig.of(Map.of("casegate.sandbox.session-timeout-seconds", "3600"))));
    }

    private static void assertSameKeys(Set<String> read, Set<String> listed, String reader, String list) {
        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(listed);
        Set<String> stale = new TreeSet<>(listed);
        stale.removeAll(read);
        assertEquals(Set.of(), missing, "read by " + reader + " but missing from " + list);
        assertEquals(Set.of(), stale, "in " + list + " but no longer read by " + reader);
    }

    private static Set<String> keysInTheCode() throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".java")).toList()) {
                if (file.getFileName().toString().equals("ConfigKeys.java")) {
                    continue;
                }
                String source = Files.readString(file);
                Matcher literal = LITERAL.matcher(source);
                while (literal.find()) {
                    keys.add(literal.group(1));
                }
                Matcher prefix = PREFIX.matcher(source);
                if (prefix.find()) {
                    Matcher prefixed = PREFIXED.matcher(source);
                    while (prefixed.find()) {
                        keys.add(prefix.group(1) + prefixed.group(1));
                    }
                }
            }
        }
        Matcher property = PROPERTY.matcher(
                Files.readString(Path.of("src", "main", "resources", "META-INF", "microprofile-config.properties")));
        while (property.find()) {
            keys.add(property.group(1));
        }
        keys.removeAll(NOT_KEYS);
        return keys;
    }
}
