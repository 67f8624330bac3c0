package io.casegate.platform.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counters and histograms kept in this JVM, with the gauges read at the scrape and the JVM's own
 * numbers ({@link JvmReadings}), rendered by Casegate itself in the Prometheus text
 * format. Each node has its own numbers (Prometheus adds them up across nodes); they start at zero
 * when the node starts, which Prometheus' {@code rate()} handles as a counter reset.
 */
@ApplicationScoped
public class InProcessMetrics implements Metrics {

    /** Upper bounds in seconds: CRM calls take milliseconds to seconds, delivery seconds to hours. */
    static final double[] BUCKETS = {
        0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600, 21600, 86400
    };

    /** Per meter, per label values (joined): the series. Sorted, so the text is stable for readers. */
    private final Map<Meter, Map<List<String>, LongAdder>> counters = new ConcurrentHashMap<>();

    private final Map<Meter, Map<List<String>, Histogram>> histograms = new ConcurrentHashMap<>();

    @Override
    public void increment(Meter counter, String... labelValues) {
        require(counter, Meter.Kind.COUNTER, labelValues);
        counters.computeIfAbsent(counter, m -> new ConcurrentSkipListMap<>(InProcessMetrics::compare))
                .computeIfAbsent(List.of(labelValues), k -> new LongAdder())
                .increment();
    }

    @Override
    public void observe(Meter histogram, Duration duration, String... labelValues) {
        require(histogram, Meter.Kind.HISTOGRAM, labelValues);
        histograms
                .computeIfAbsent(histogram, m -> new ConcurrentSkipListMap<>(InProcessMetrics::compare))
                .computeIfAbsent(List.of(labelValues), k -> new Histogram())
                .observe(Math.max(0, duration.toNanos()) / 1e9);
    }

    public InProcessMetrics() {
        for (Meter meter : Meter.values()) {
            for (String value : meter.initialLabelValues()) {
                declare(meter, value);
            }
        }
    }

    @Override
    public void declare(Meter meter, String... labelValues) {
        if (meter.kind() == Meter.Kind.GAUGE) {
            throw new IllegalArgumentException(meter + " is a gauge: it is read, not declared");
        }
        require(meter, meter.kind(), labelValues);
        if (meter.kind() == Meter.Kind.COUNTER) {
            counters.computeIfAbsent(meter, m -> new ConcurrentSkipListMap<>(InProcessMetrics::compare))
                    .computeIfAbsent(List.of(labelValues), k -> new LongAdder());
        } else {
            histograms
                    .computeIfAbsent(meter, m -> new ConcurrentSkipListMap<>(InProcessMetrics::compare))
                    .computeIfAbsent(List.of(labelValues), k -> new Histogram());
        }
    }

    @Override
    public String prometheusText(List<Reading> readings) {
        List<Reading> all = new ArrayList<>(readings);
        all.addAll(JvmReadings.now());
        Map<Meter, List<Reading>> read = new EnumMap<>(Meter.class);
        for (Reading reading : all) {
            read.computeIfAbsent(reading.meter(), m -> new ArrayList<>()).add(reading);
        }
        StringBuilder text = new StringBuilder();
        for (Meter meter : Meter.values()) {
            text.append("# HELP ")
                    .append(meter.metricName())
                    .append(' ')
                    .append(meter.help())
                    .append('\n');
            text.append("# TYPE ")
                    .append(meter.metricName())
                    .append(' ')
                    .append(meter.kind().name().toLowerCase(Locale.ROOT))
                    .append('\n');
            if (meter.kind() == Meter.Kind.HISTOGRAM) {
                Map<List<String>, Histogram> series = histograms.getOrDefault(meter, Map.of());
                if (series.isEmpty() && meter.labels().isEmpty()) {
                    // Like an unlabelled counter: there, empty, from the start.
                    new Histogram().render(text, meter, List.of());
                }
                series.forEach((labels, histogram) -> histogram.render(text, meter, labels));
                continue;
            }
            List<Reading> values = read.getOrDefault(meter, List.of());
            Map<List<String>, LongAdder> series = counters.getOrDefault(meter, Map.of());
            if (meter.kind() == Meter.Kind.COUNTER
                    && series.isEmpty()
                    && values.isEmpty()
                    && meter.labels().isEmpty()) {
                // An unlabelled counter exists from the start, so that rate() sees its first increase.
                text.append(meter.metricName()).append(" 0\n");
            }
            series.forEach((labels, count) -> text.append(meter.metricName())
                    .append(labels(meter, labels, null))
                    .append(' ')
                    .append(count.sum())
                    .append('\n'));
            for (Reading reading : values) {
                text.append(meter.metricName())
                        .append(labels(meter, reading.labelValues(), null))
                        .append(' ')
                        .append(number(reading.value()))
                        .append('\n');
            }
        }
        return text.toString();
    }

    private static void require(Meter meter, Meter.Kind kind, String... labelValues) {
        if (meter.kind() != kind || labelValues.length != meter.labels().size()) {
            throw new IllegalArgumentException(meter + " is a " + meter.kind() + " with labels " + meter.labels()
                    + ", not a " + kind + " with " + Arrays.toString(labelValues));
        }
    }

    private static int compare(List<String> a, List<String> b) {
        return String.join("\u0000", a).compareTo(String.join("\u0000", b));
    }

    static String labels(Meter meter, List<String> values, String le) {
        if (values.isEmpty() && le == null) {
            return "";
        }
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(meter.labels().get(i))
                    .append("=\"")
                    .append(escape(values.get(i)))
                    .append('"');
        }
        if (le != null) {
            text.append(values.isEmpty() ? "" : ",").append("le=\"").append(le).append('"');
        }
        return text.append('}').toString();
    }

    /** Label values escape backslash, double quote and line feed, as the format requires. */
    static String escape(String value) {
        return String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }

    /** Cumulative buckets, sum and count of one series. */
    static final class Histogram {
        private final LongAdder[] buckets = new LongAdder[BUCKETS.length];
        private final LongAdder count = new LongAdder();
        private final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    buckets[i].increment();
                    break;
                }
            }
            sum.add(seconds);
            count.increment();
        }

        void render(StringBuilder text, Meter meter, List<String> labels) {
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += buckets[i].sum();
                text.append(meter.metricName())
                        .append("_bucket")
                        .append(InProcessMetrics.labels(meter, labels, number(BUCKETS[i])))
                        .append(' ')
                        .append(cumulative)
                        .append('\n');
            }
            long total = count.sum();
            text.append(meter.metricName())
                    .append("_bucket")
                    .append(InProcessMetrics.labels(meter, labels, "+Inf"))
                    .append(' ')
                    .append(total)
                    .append('\n');
            text.append(meter.metricName())
                    .append("_sum")
                    .append(InProcessMetrics.labels(meter, labels, null))
                    .append(' ')
                    .append(number(sum.sum()))
                    .append('\n');
            text.append(meter.metricName())
                    .append("_count")
                    .append(InProcessMetrics.labels(meter, labels, null))
                    .append(' ')
                    .append(total)
                    .append('\n');
        }
    }
}
