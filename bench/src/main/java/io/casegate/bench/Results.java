package io.casegate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run measured: the figures (in the order of the table, as the JSON file lists them) and
 * one CSV row per request. Written to bench/results/<stamp>.{txt,csv,json}, which
 * docs/performance.md reads, so their names and formats stay as they are.
 */
final class Results {

    static final String CSV_HEADER = "phase,strategy,db,concurrency,index,start_ms,latency_ms,status";

    /** With the seconds always: LocalTime's own text drops ":00". */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Map<String, Object> figures = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    Results() {
        requests.add(CSV_HEADER);
    }

    void put(String key, Object value) {
        figures.put(key, value);
    }

    /** One CSV row: phase, strategy, database, concurrency (or kind), index, start, latency, status. */
    void request(String row) {
        requests.add(row);
    }

    /** A load level's figures under {@code key}: rate, percentiles, counts and the machine's load at its end. */
    void record(String key, LoadLoop.Stats stats) {
        put(key + ".perSecond", stats.perSecond());
        put(key + ".p50", stats.p50());
        put(key + ".p99", stats.p99());
        put(key + ".ok", stats.ok());
        put(key + ".errors", stats.errors());
        put(key + ".loadavg", Machine.loadAverage());
        log(String.format(
                Locale.ROOT,
                "  %s: %.1f/s, p50 %.1f ms, p99 %.1f ms, %d ok, %d errors",
                key,
                stats.perSecond(),
                stats.p50(),
                stats.p99(),
                stats.ok(),
                stats.errors()));
    }

    /** Prints the table and writes it, the figures and the requests as {@code <stamp>.txt}, {@code .json} and {@code .csv}. */
    void write(Path directory, String stamp, Settings settings) throws IOException {
        Map<String, Object> snapshot;
        synchronized (figures) {
            snapshot = new LinkedHashMap<>(figures);
        }
        String table = Report.table(snapshot, settings);
        System.out.println();
        System.out.println(table);
        Files.writeString(directory.resolve(stamp + ".txt"), table);
        synchronized (requests) {
            Files.writeString(directory.resolve(stamp + ".csv"), String.join("\n", requests) + "\n");
        }
        Files.writeString(directory.resolve(stamp + ".json"), Report.json(snapshot));
        System.out.println("Written: bench/results/" + stamp + ".{txt,csv,json}");
    }

    static void log(String message) {
        System.out.println(LocalTime.now().format(CLOCK) + " " + message);
    }
}
