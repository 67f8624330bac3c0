package io.casegate.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The bench's settings: the BENCH_* environment variables that bench/run's header and
 * docs/performance.md describe, with their defaults. Read from the environment so that they work
 * the same through bench/run and through {@code mvn -Pbench ... exec:exec@bench}.
 */
record Settings(
        int secondsPerLevel,
        List<Integer> levels,
        int latencyMs,
        int warmupSeconds,
        int timeToCaseCount,
        double timeToCaseRate,
        int deliveryCount,
        int deliveryAlternativeConcurrency,
        boolean postgres,
        boolean memory,
        Optional<String> pidFile,
        String scenario,
        List<Integer> roundTripLatencies,
        int backlogCount) {

    static Settings fromEnvironment() {
        return new Settings(
                integer("BENCH_SECONDS", 30),
                Arrays.stream(text("BENCH_LEVELS", "1,8,32").split(","))
                        .map(level -> Integer.valueOf(level.strip()))
                        .toList(),
                integer("BENCH_LATENCY_MS", 50),
                integer("BENCH_WARMUP_SECONDS", 10),
                integer("BENCH_TTC_COUNT", 40),
                Double.parseDouble(text("BENCH_TTC_RATE", "2")),
                integer("BENCH_DELIVERY_COUNT", 300),
                integer("BENCH_DELIVERY_ALT", 16),
                Boolean.parseBoolean(text("BENCH_POSTGRES", "true")),
                Boolean.parseBoolean(text("BENCH_MEMORY", "true")),
                // Set by bench/run only: where its trap finds the processes to kill.
                Optional.ofNullable(System.getenv("BENCH_PID_FILE")).filter(file -> !file.isBlank()),
                // "all" (issue 7's figures) or "round-trips" (issue 15's).
                text("BENCH_SCENARIO", "all"),
                Arrays.stream(text("BENCH_ROUND_TRIP_LATENCIES", "50,150").split(","))
                        .map(latency -> Integer.valueOf(latency.strip()))
                        .toList(),
                integer("BENCH_BACKLOG_COUNT", 1000));
    }

    /** The first intake level: its visitors come back in the brief's returning-visitor series. */
    int firstLevel() {
        return levels.get(0);
    }

    private static String text(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static int integer(String name, int fallback) {
        return Integer.parseInt(text(name, String.valueOf(fallback)));
    }
}
