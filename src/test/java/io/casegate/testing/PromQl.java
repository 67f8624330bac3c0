package io.casegate.testing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.yaml.snakeyaml.Yaml;

/**
 * The metric names that Prometheus expressions use (the alert rules in {@code docker/prometheus},
 * the Grafana dashboard in {@code docker/grafana}), and the names a {@code /metrics} text serves,
 * so that tests can hold one against the other.
 */
public final class PromQl {

    public static final Path ALERTS = Path.of("docker", "prometheus", "alerts.yml");
    public static final Path DASHBOARD = Path.of("docker", "grafana", "casegate-dashboard.json");

    /** Written by Prometheus itself for every scrape target, not by the target. */
    public static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");

    private static final Set<String> KEYWORDS = Set.of(
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "inf",
            "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private PromQl() {}

    /** The metric names in one expression: identifiers that are not functions, keywords or labels. */
    public static Set<String> metricNames(String expression) {
        String rest = STRING.matcher(expression).replaceAll(" ");
        rest = rest.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            String name = identifier.group();
            int next = identifier.end();
            while (next < rest.length() && Character.isWhitespace(rest.charAt(next))) {
                next++;
            }
            boolean function = next < rest.length() && rest.charAt(next) == '(';
            boolean partOfNumber = identifier.start() > 0
                    && (Character.isDigit(rest.charAt(identifier.start() - 1))
                            || rest.charAt(identifier.start() - 1) == '.');
            if (!function && !partOfNumber && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    /** Every rule of the alert file: its {@code alert} name and its other fields as YAML gave them. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> alertRules() {
        Map<String, Object> file = new Yaml().load(read(ALERTS));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    /** The expressions of every panel of the dashboard. */
    public static List<String> dashboardExpressions() {
        JsonObject dashboard =
                Json.createReader(new StringReader(read(DASHBOARD))).readObject();
        List<String> expressions = new ArrayList<>();
        for (JsonValue panel : dashboard.getJsonArray("panels")) {
            if (panel.asJsonObject().containsKey("targets")) {
                for (JsonValue target : panel.asJsonObject().getJsonArray("targets")) {
                    expressions.add(target.asJsonObject().getString("expr"));
                }
            }
        }
        return expressions;
    }

    /** Every metric name that the alert rules and the dashboard use. */
    public static Set<String> namesUsed() {
        Set<String> used = new TreeSet<>();
        alertRules().forEach(rule -> used.addAll(metricNames(String.valueOf(rule.get("expr")))));
        dashboardExpressions().forEach(expression -> used.addAll(metricNames(expression)));
        return used;
    }

    /** The sample names in a Prometheus text exposition ({@code _bucket}, {@code _sum}, ... as written). */
    public static Set<String> namesServed(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Matcher name = IDENTIFIER.matcher(line);
                if (name.lookingAt()) {
                    names.add(name.group());
                }
            }
        }
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
