package io.casegate.health.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.casegate.platform.metrics.Meter;
import io.casegate.testing.PromQl;

/**
 * The monitoring files in docker/ parse, and name only metrics Casegate declares (MonitoringIT
 * holds them against what a running node serves). The rules' PromQL itself is checked by
 * Prometheus' promtool where it is installed (docker/prometheus/alerts.test.yml; docs/operations.md).
 */
class MonitoringFilesTest {

    @Test
    void everyAlertRuleIsComplete() {
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> rule : PromQl.alertRules()) {
            String alert = String.valueOf(rule.get("alert"));
            assertTrue(names.add(alert), "two rules named " + alert);
            assertNotNull(rule.get("expr"), alert);
            assertNotNull(rule.get("for"), alert);
            assertTrue(
                    Set.of("page", "warning").contains(((Map<?, ?>) rule.get("labels")).get("severity")),
                    alert + ": severity page or warning");
            assertNotNull(((Map<?, ?>) rule.get("annotations")).get("summary"), alert);
        }
        assertTrue(names.size() >= 10, names.toString());
    }

    @Test
    void theRulesAndTheDashboardNameOnlyMetricsCasegateServes() {
        Set<String> declared = new TreeSet<>(PromQl.MADE_BY_PROMETHEUS);
        for (Meter meter : Meter.values()) {
            declared.add(meter.metricName());
            if (meter.kind() == Meter.Kind.HISTOGRAM) {
                declared.addAll(Set.of(
                        meter.metricName() + "_bucket", meter.metricName() + "_sum", meter.metricName() + "_count"));
            }
        }
        Set<String> used = PromQl.namesUsed();
        Set<String> unknown = new TreeSet<>(used);
        unknown.removeAll(declared);
        assertEquals(Set.of(), unknown, "used by docker/prometheus/alerts.yml or the dashboard, served by nobody");
        // What the alerts of docs/operations.md need, each used at least once.
        assertTrue(
                used.containsAll(Set.of(
                        "casegate_delivery_pending_entries",
                        "casegate_delivery_oldest_pending_age_seconds",
                        "casegate_delivery_dead_letter_entries",
                        "casegate_crm_session_state",
                        "jvm_memory_used_bytes",
                        "jvm_threads_current")),
                used.toString());
    }

    @Test
    void metricNamesAreFoundInExpressions() {
        assertEquals(
                Set.of("casegate_crm_call_duration_seconds_bucket"),
                PromQl.metricNames("histogram_quantile(0.95, sum by (le, operation)"
                        + " (rate(casegate_crm_call_duration_seconds_bucket{operation=\"create case\"}[5m])))"));
        assertEquals(
                Set.of("jvm_memory_used_bytes", "jvm_memory_max_bytes"),
                PromQl.metricNames(
                        "jvm_memory_used_bytes{area=\"heap\"} / on (instance) jvm_memory_max_bytes > 0.9e1"));
        assertEquals(Set.of("up"), PromQl.metricNames("up{job=\"casegate\"} == 0"));
    }

    @Test
    void theComposeAndPrometheusFilesAreYaml() throws IOException {
        for (Path file : new Path[] {
            Path.of("docker", "compose.yaml"),
            Path.of("docker", "prometheus", "prometheus.yml"),
            Path.of("docker", "prometheus", "alerts.test.yml"),
            Path.of("docker", "grafana", "provisioning", "datasources", "prometheus.yml"),
            Path.of("docker", "grafana", "provisioning", "dashboards", "casegate.yml")
        }) {
            Object parsed = new Yaml().load(Files.readString(file));
            assertTrue(parsed instanceof Map<?, ?>, file.toString());
        }
    }

    @Test
    void theDashboardIsGrafanaJsonWithUniquePanelIds() {
        assertTrue(PromQl.dashboardExpressions().size() >= 15);
        String json;
        try {
            json = Files.readString(PromQl.DASHBOARD);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        jakarta.json.JsonObject dashboard =
                jakarta.json.Json.createReader(new java.io.StringReader(json)).readObject();
        assertEquals("casegate", dashboard.getString("uid"));
        Set<Integer> ids = new TreeSet<>();
        dashboard
                .getJsonArray("panels")
                .forEach(panel -> assertTrue(
                        ids.add(panel.asJsonObject().getInt("id")),
                        "panel id " + panel.asJsonObject().getInt("id")));
    }
}
