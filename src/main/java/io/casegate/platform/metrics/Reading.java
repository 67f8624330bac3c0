package io.casegate.platform.metrics;

import java.util.List;

/**
 * One value read at the moment of a scrape rather than counted as things happen: a gauge (the
 * backlog, the CRM session, the heap) or a counter kept by someone else (the JVM's collections).
 *
 * @param labelValues in the order of {@link Meter#labels()}
 */
public record Reading(Meter meter, double value, List<String> labelValues) {

    public Reading {
        labelValues = List.copyOf(labelValues);
        if (meter.kind() == Meter.Kind.HISTOGRAM
                || labelValues.size() != meter.labels().size()) {
            throw new IllegalArgumentException(meter + " is a " + meter.kind() + " with labels " + meter.labels()
                    + ", not read with " + labelValues);
        }
    }

    public static Reading of(Meter meter, double value, String... labelValues) {
        return new Reading(meter, value, List.of(labelValues));
    }
}
