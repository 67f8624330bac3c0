package io.casegate.platform.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class InProcessMetricsTest {

    final InProcessMetrics cut = new InProcessMetrics();

    @Test
    void countersAreRenderedWithTheirLabelsHelpAndType() {
        cut.increment(Meter.SUBMISSIONS_RECEIVED, "api");
        cut.increment(Meter.SUBMISSIONS_RECEIVED, "api");
        cut.increment(Meter.SUBMISSIONS_RECEIVED, "form");
        String text = cut.prometheusText();
        assertTrue(text.contains("# TYPE casegate_submissions_received_total counter\n"), text);
        assertTrue(text.contains("# HELP casegate_submissions_received_total "), text);
        assertTrue(text.contains("casegate_submissions_received_total{channel=\"api\"} 2\n"), text);
        assertTrue(text.contains("casegate_submissions_received_total{channel=\"form\"} 1\n"), text);
    }

    @Test
    void anUnlabelledCounterIsThereFromTheStart() {
        assertTrue(cut.prometheusText().contains("\ncasegate_submissions_delivered_total 0\n"));
    }

    @Test
    void histogramBucketsAreCumulativeWithSumAndCount() {
        cut.observe(Meter.CRM_CALL_DURATION, Duration.ofMillis(20), "create case");
        cut.observe(Meter.CRM_CALL_DURATION, Duration.ofMillis(300), "create case");
        cut.observe(Meter.CRM_CALL_DURATION, Duration.ofDays(2), "create case");
        List<String> lines = Arrays.asList(cut.prometheusText().split("\n"));
        assertTrue(
                lines.contains("casegate_crm_call_duration_seconds_bucket{operation=\"create case\",le=\"0.01\"} 0"),
                lines.toString());
        assertTrue(
                lines.contains("casegate_crm_call_duration_seconds_bucket{operation=\"create case\",le=\"0.025\"} 1"));
        assertTrue(lines.contains("casegate_crm_call_duration_seconds_bucket{operation=\"create case\",le=\"0.5\"} 2"));
        assertTrue(
                lines.contains("casegate_crm_call_duration_seconds_bucket{operation=\"create case\",le=\"86400\"} 2"));
        assertTrue(
                lines.contains("casegate_crm_call_duration_seconds_bucket{operation=\"create case\",le=\"+Inf\"} 3"));
        assertTrue(lines.contains("casegate_crm_call_duration_seconds_count{operation=\"create case\"} 3"));
        String sum = lines.stream()
                .filter(line -> line.startsWith("casegate_crm_call_duration_seconds_sum"))
                .findFirst()
                .orElseThrow();
        assertEquals(2 * 86400 + 0.32, Double.parseDouble(sum.substring(sum.lastIndexOf(' ') + 1)), 1e-6);
    }

    @Test
    void labelValuesAreEscaped() {
        cut.observe(Meter.CRM_CALL_DURATION, Duration.ofMillis(1), "say \"hi\"\\\n");
        assertTrue(cut.prometheusText().contains("operation=\"say \\\"hi\\\"\\\\\\n\""), cut.prometheusText());
    }

    @Test
    void aMeterIsUsedAsDeclared() {
        assertThrows(IllegalArgumentException.class, () -> cut.increment(Meter.SUBMISSIONS_RECEIVED));
        assertThrows(IllegalArgumentException.class, () -> cut.increment(Meter.CRM_CALL_DURATION, "x"));
        assertThrows(IllegalArgumentException.class, () -> cut.observe(Meter.SUBMISSIONS_DELIVERED, Duration.ZERO));
    }
}
