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

    @Test
    void readingsAreRenderedAsGaugesWithTheJvmsOwn() {
        String text = cut.prometheusText(List.of(
                Reading.of(Meter.DELIVERY_PENDING, 3, "DELIVER_CASE"),
                Reading.of(Meter.DELIVERY_OLDEST_PENDING_AGE, 12.5, "DELIVER_CASE"),
                Reading.of(Meter.CRM_SESSION_STATE, 1, "failing")));
        List<String> lines = Arrays.asList(text.split("\n"));
        assertTrue(lines.contains("# TYPE casegate_delivery_pending_entries gauge"), text);
        assertTrue(lines.contains("casegate_delivery_pending_entries{kind=\"DELIVER_CASE\"} 3"), text);
        assertTrue(lines.contains("casegate_delivery_oldest_pending_age_seconds{kind=\"DELIVER_CASE\"} 12.5"), text);
        assertTrue(lines.contains("casegate_crm_session_state{state=\"failing\"} 1"), text);
        // A gauge nobody read is announced without a sample.
        assertTrue(lines.contains("# TYPE casegate_crm_session_age_seconds gauge"), text);
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("casegate_crm_session_age_seconds ")), text);
        long heap = Long.parseLong(value(lines, "jvm_memory_used_bytes{area=\"heap\"}"));
        assertTrue(heap > 0 && heap <= Runtime.getRuntime().totalMemory(), text);
        assertTrue(Long.parseLong(value(lines, "jvm_threads_current")) >= 1, text);
        assertTrue(lines.contains("# TYPE jvm_gc_collections_total counter"), text);
        double started = Double.parseDouble(value(lines, "process_start_time_seconds"));
        assertTrue(started > 1.7e9 && started <= System.currentTimeMillis() / 1000.0, text);
    }

    @Test
    void everyMeterHasOneHelpAndTypeAndAPrometheusName() {
        String text = cut.prometheusText();
        for (Meter meter : Meter.values()) {
            assertTrue(meter.metricName().matches("[a-zA-Z_:][a-zA-Z0-9_:]*"), meter.metricName());
            assertEquals(
                    1,
                    Arrays.stream(text.split("\n"))
                            .filter(line -> line.startsWith("# TYPE " + meter.metricName() + " "))
                            .count(),
                    meter.metricName());
            assertEquals(meter.kind() == Meter.Kind.COUNTER, meter.metricName().endsWith("_total"), meter.name());
        }
    }

    @Test
    void seriesAlertsNeedExistAtZeroBeforeTheirFirstEvent() {
        cut.declare(Meter.DEAD_LETTERS, "DELIVER_CASE");
        List<String> lines = Arrays.asList(cut.prometheusText().split("\n"));
        assertTrue(lines.contains("casegate_delivery_dead_letters_total{kind=\"DELIVER_CASE\"} 0"), lines.toString());
        assertTrue(lines.contains("casegate_submissions_received_total{channel=\"form\"} 0"));
        assertTrue(lines.contains("casegate_submissions_received_total{channel=\"api\"} 0"));
        assertTrue(lines.contains("casegate_crm_logins_total{outcome=\"failed\"} 0"));
        assertTrue(lines.contains("casegate_crm_call_duration_seconds_bucket{operation=\"login\",le=\"+Inf\"} 0"));
        assertTrue(lines.contains("casegate_submission_to_case_seconds_bucket{le=\"0.01\"} 0"), lines.toString());
        assertTrue(lines.contains("casegate_submission_to_case_seconds_count 0"));
        cut.increment(Meter.DEAD_LETTERS, "DELIVER_CASE");
        cut.declare(Meter.DEAD_LETTERS, "DELIVER_CASE");
        assertTrue(cut.prometheusText().contains("casegate_delivery_dead_letters_total{kind=\"DELIVER_CASE\"} 1\n"));
        assertThrows(IllegalArgumentException.class, () -> cut.declare(Meter.DELIVERY_PENDING, "DELIVER_CASE"));
    }

    @Test
    void aReadingIsMadeAsDeclared() {
        assertThrows(IllegalArgumentException.class, () -> Reading.of(Meter.DELIVERY_PENDING, 1));
        assertThrows(IllegalArgumentException.class, () -> Reading.of(Meter.CRM_CALL_DURATION, 1, "x"));
    }

    @Test
    void numbersAreWrittenAsPrometheusReadsThem() {
        assertEquals("3", InProcessMetrics.number(3));
        assertEquals("-1", InProcessMetrics.number(-1));
        assertEquals("0.25", InProcessMetrics.number(0.25));
        assertEquals("NaN", InProcessMetrics.number(Double.NaN));
        assertEquals("+Inf", InProcessMetrics.number(Double.POSITIVE_INFINITY));
    }

    private static String value(List<String> lines, String series) {
        return lines.stream()
                .filter(line -> line.startsWith(series + " "))
                .map(line -> line.substring(series.length() + 1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + series + " in " + lines));
    }
}
