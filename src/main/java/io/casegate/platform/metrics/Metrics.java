package io.casegate.platform.metrics;

import java.time.Duration;
import java.util.List;

/**
 * Casegate's own small metrics interface. Components count and time through it and never touch a
 * runtime's metrics API, so the WAR runs on servers with MicroProfile Metrics (Payara), with
 * Micrometer (current WildFly) or with neither. {@link InProcessMetrics} keeps the numbers itself
 * and renders them in the Prometheus text format.
 */
public interface Metrics {

    /** Adds one to a counter; {@code labelValues} in the order of {@link Meter#labels()}. */
    void increment(Meter counter, String... labelValues);

    /** Records one observation of a histogram; {@code labelValues} in the order of {@link Meter#labels()}. */
    void observe(Meter histogram, Duration duration, String... labelValues);

    /**
     * Makes a counter's or a histogram's series exist at 0 before its first event (e.g. one per kind
     * of outbox work at start), so that {@code rate()} sees the first event and alerts see 0, not nothing.
     */
    void declare(Meter meter, String... labelValues);

    /**
     * Every metric in the Prometheus text exposition format 0.0.4: what was counted and timed, the
     * JVM's own numbers, and {@code readings} taken by the caller for this scrape (the backlog, the
     * CRM session). A gauge without a reading is announced (HELP, TYPE) with no sample.
     */
    String prometheusText(List<Reading> readings);

    /** The same without readings of the caller's. */
    default String prometheusText() {
        return prometheusText(List.of());
    }
}
