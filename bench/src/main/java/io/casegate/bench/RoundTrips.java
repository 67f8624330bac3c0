package io.casegate.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.casegate.testing.ApiClient;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.SandboxCrm;

/**
 * Issue 15's figures (BENCH_SCENARIO=round-trips): the time from accepting a submission to its case
 * number, divided by the CRM's latency, for new and returning visitors at each latency of
 * BENCH_ROUND_TRIP_LATENCIES; and the rate at which a backlog drains after an outage, with the peak of
 * requests in flight at the CRM and the time to number of new visitors during the drain. Each for
 * Casegate as it is (two round trips), Casegate one request at a time as before issue 15
 * ({@code batch-requests=false}, {@code delivery.concurrency=4}) and the brief's strategy, in one run.
 */
final class RoundTrips {

    private static final Duration CASE_NUMBER_TIMEOUT = Duration.ofSeconds(120);

    /** Deliveries before the time-to-number series, new and returning visitors alike. */
    private static final int WARM_UP_DELIVERIES = 30;

    /** Casegate now, and Casegate with the settings that give its behaviour before issue 15. */
    private static final Map<String, Map<String, String>> CASEGATES = new LinkedHashMap<>();

    static {
        CASEGATES.put("two round trips", Map.of());
        CASEGATES.put(
                "one request at a time (before)",
                Map.of("casegate.crm.batch-requests", "false", "casegate.delivery.concurrency", "4"));
    }

    private final Settings settings;
    private final Results results;
    private final BenchServers servers;
    private final SandboxCrm crm;
    private final List<String> rows = new ArrayList<>();

    RoundTrips(Settings settings, Results results, BenchServers servers) {
        this.settings = settings;
        this.results = results;
        this.servers = servers;
        this.crm = servers.crm();
    }

    void run(Path resultsDirectory, String stamp) throws Exception {
        crm.count("Case");
        rows.add("| measure | latency | " + String.join(" | ", CASEGATES.keySet()) + " | brief's strategy |");
        rows.add("|---|---|---|---|---|");
        for (int latency : settings.roundTripLatencies()) {
            crm.faults("{\"latencyMs\":" + latency + "}");
            Map<String, double[]> figures = new LinkedHashMap<>();
            for (Map.Entry<String, Map<String, String>> casegate : CASEGATES.entrySet()) {
                try (CasegateProcess process = servers.casegate(
                        "rt-" + latency + "-" + figures.size(),
                        servers.h2("rt-" + latency + "-" + figures.size()),
                        casegate.getValue())) {
                    figures.put(casegate.getKey(), timeToNumber(process, latency, casegate.getKey()));
                }
            }
            figures.put("brief", briefTimeToNumber(latency));
            String[] measures = {
                "time to number, new visitor: p50 ms (÷ latency)",
                "time to number, returning visitor: p50 ms (÷ latency)",
                "CRM requests per submission, new visitor (incl. the upload)",
                "CRM requests per submission, returning visitor (incl. the upload)",
                "… on Casegate's own clock, from the intake's transaction (received_at) to the number committed: mean ms (÷ latency), new visitor",
                "… the same, returning visitor",
                "… a CRM request as Casegate timed it (configured latency + HTTP + the sandbox's work), mean ms",
                "… time to number, new visitor: p50 ÷ (2 × that request time)",
                "… time to number, returning visitor: p50 ÷ (2 × that request time)"
            };
            for (int m = 0; m < measures.length; m++) {
                StringBuilder row = new StringBuilder("| " + measures[m] + " | " + latency + " ms |");
                for (double[] values : figures.values()) {
                    row.append(' ').append(cell(values, m, latency)).append(" |");
                }
                rows.add(row.toString());
            }
        }
        crm.faults("{\"latencyMs\":" + settings.latencyMs() + "}");
        Map<String, double[]> drains = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> casegate : CASEGATES.entrySet()) {
            try (CasegateProcess process = servers.casegate(
                    "rt-drain-" + drains.size(), servers.h2("rt-drain-" + drains.size()), casegate.getValue())) {
                drains.put(casegate.getKey(), drain(BenchServers.api(process), casegate.getKey()));
            }
        }
        String[] drainMeasures = {
            "backlog of " + settings.backlogCount() + " after an outage: cases/s",
            "… peak of requests in flight at the CRM (casegate.crm.max-concurrency = 8)",
            "… new visitors during the drain: time to number p50 ms (÷ latency)"
        };
        for (int m = 0; m < drainMeasures.length; m++) {
            StringBuilder row = new StringBuilder("| " + drainMeasures[m] + " | " + settings.latencyMs() + " ms |");
            for (double[] values : drains.values()) {
                row.append(' ')
                        .append(
                                m == 2
                                        ? String.format(
                                                Locale.ROOT, "%.0f (%.2f)", values[m], values[m] / settings.latencyMs())
                                        : String.format(Locale.ROOT, m == 0 ? "%.1f" : "%.0f", values[m]))
                        .append(" |");
            }
            row.append(" n/a: no queue, a submission during an outage fails |");
            rows.add(row.toString());
        }
        String table = String.join("\n", rows) + "\n";
        System.out.println();
        System.out.println(table);
        Files.writeString(resultsDirectory.resolve(stamp + "-round-trips.txt"), table);
        Results.log("Written: bench/results/" + stamp + "-round-trips.txt");
    }

    /**
     * {new p50, returning p50, requests per new, requests per returning, new mean, returning mean}
     * of one Casegate: the p50s as the client sees them (from sending the submission to its number
     * in the status, polled every few ms), the means on Casegate's own clock (its histogram of the
     * time from accepting a submission to knowing its number, without the client's request and polling).
     */
    private double[] timeToNumber(CasegateProcess process, int latency, String label) throws Exception {
        ApiClient api = BenchServers.api(process);
        // Deliveries first, one after another, so that the first login, the service list and a cold
        // JIT are not in the figures: a production node has delivered many before.
        for (int i = 0; i < WARM_UP_DELIVERIES; i++) {
            Traffic.awaitCaseNumber(api, Traffic.submitAccepted(api, "warm-" + UUID.randomUUID()), CASE_NUMBER_TIMEOUT);
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        double[] figures = new double[7];
        double[] crmBefore = ownTimeToNumber(process);
        for (int kind = 0; kind < 2; kind++) {
            SandboxCrm.Stats before = crm.stats();
            double[] ownBefore = ownTimeToNumber(process);
            List<Double> times = series(api, "rt-" + run, settings.timeToCaseCount(), settings.timeToCaseRate());
            TimeToCaseNumber.awaitQuietCrm(crm);
            double[] ownAfter = ownTimeToNumber(process);
            figures[kind] = LoadLoop.Stats.of(times, 0, 0).p50();
            figures[kind + 2] = crm.stats().minus(before).requests() / (double) settings.timeToCaseCount();
            figures[kind + 4] = (ownAfter[0] - ownBefore[0]) * 1000 / (ownAfter[1] - ownBefore[1]);
            Results.log(String.format(
                    Locale.ROOT,
                    "  %s, %d ms, %s: p50 %.0f ms, %.1f requests each, Casegate's own mean %.0f ms",
                    label,
                    latency,
                    kind == 0 ? "new" : "returning",
                    figures[kind],
                    figures[kind + 2],
                    figures[kind + 4]));
            results.put(
                    "rt." + latency + "." + label + "." + (kind == 0 ? "new" : "returning") + ".p50", figures[kind]);
        }
        double[] crmAfter = ownTimeToNumber(process);
        figures[6] = (crmAfter[2] - crmBefore[2]) * 1000 / (crmAfter[3] - crmBefore[3]);
        return figures;
    }

    /** Measure {@code m} of one column of {@link #timeToNumber} (or of the brief's, which has the first four only). */
    private static String cell(double[] values, int m, int latency) {
        if (m >= 7 && values.length > 6) {
            return String.format(Locale.ROOT, "%.2f", values[m - 7] / (2 * values[6]));
        }
        if (m >= values.length || Double.isNaN(values[m])) {
            return "n/a: no queue; the visitor waits for all of it (above)";
        }
        if (m < 2 || m == 4 || m == 5) {
            return String.format(Locale.ROOT, "%.0f (%.2f)", values[m], values[m] / latency);
        }
        return String.format(Locale.ROOT, "%.1f", values[m]);
    }

    /**
     * {sum in seconds, count} of Casegate's histogram casegate_submission_to_case_seconds, then {sum,
     * count} of its CRM requests (casegate_crm_call_duration_seconds, logins left out), from its /metrics.
     */
    private static double[] ownTimeToNumber(CasegateProcess process) throws Exception {
        HttpResponse<String> scrape = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(process.url("metrics"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        double[] sumsAndCounts = new double[4];
        for (String line : scrape.body().split("\n")) {
            if (!line.startsWith("casegate_submission_to_case_seconds_")
                    && (!line.startsWith("casegate_crm_call_duration_seconds_") || line.contains("login"))) {
                continue;
            }
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (line.startsWith("casegate_submission_to_case_seconds_sum")) {
                sumsAndCounts[0] += value;
            } else if (line.startsWith("casegate_submission_to_case_seconds_count")) {
                sumsAndCounts[1] += value;
            } else if (line.startsWith("casegate_crm_call_duration_seconds_sum")) {
                sumsAndCounts[2] += value;
            } else if (line.startsWith("casegate_crm_call_duration_seconds_count")) {
                sumsAndCounts[3] += value;
            }
        }
        return sumsAndCounts;
    }

    /** The brief's way, one submission after another: its visitor waits for the whole of it. */
    private double[] briefTimeToNumber(int latency) {
        BriefStrategy brief = new BriefStrategy(settings, results, crm);
        String run = UUID.randomUUID().toString().substring(0, 8);
        double[] figures = new double[4];
        for (int kind = 0; kind < 2; kind++) {
            SandboxCrm.Stats before = crm.stats();
            List<Double> times = new ArrayList<>();
            for (int index = 0; index < settings.timeToCaseCount(); index++) {
                long sent = System.nanoTime();
                brief.submit(Traffic.visitor("rt-brief-" + run + "-" + index));
                times.add((System.nanoTime() - sent) / 1e6);
            }
            figures[kind] = LoadLoop.Stats.of(times, 0, 0).p50();
            // Logins included: the brief logs in for every submission.
            figures[kind + 2] = crm.stats().minus(before).requests() / (double) settings.timeToCaseCount();
        }
        Results.log(String.format(Locale.ROOT, "  brief, %d ms: p50 %.0f / %.0f ms", latency, figures[0], figures[1]));
        return figures;
    }

    /**
     * {cases/s, peak in flight, new visitors' p50}: the backlog is posted while the CRM is down
     * (every first attempt fails), then the CRM comes back; the rate is the slope between 10 % and
     * 90 % of the backlog, and new visitors submit while it drains.
     */
    private double[] drain(ApiClient api, String label) throws Exception {
        Traffic.awaitCaseNumber(api, Traffic.submitAccepted(api, "warm-" + UUID.randomUUID()), CASE_NUMBER_TIMEOUT);
        int count = settings.backlogCount();
        long casesBefore = crm.count("Case");
        crm.faults("{\"outage\":true}");
        String run = UUID.randomUUID().toString().substring(0, 8);
        try {
            DeliveryThroughput.postAll(api, "rt-backlog-" + run, count);
            // Every entry has had its first attempt (and failed), as after a real outage.
            LoadLoop.sleep(3000);
        } finally {
            crm.faults("{\"outage\":false}");
        }
        crm.resetPeakInFlight();
        long start = System.nanoTime();
        List<double[]> samples = new ArrayList<>();
        List<Double> newVisitors = Collections.synchronizedList(new ArrayList<>());
        Future<List<Double>> visitorsDuringDrain = null;
        ExecutorService side = Executors.newSingleThreadExecutor(LoadLoop.daemonThreads("rt-new"));
        long delivered = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
        while (delivered < count && System.nanoTime() < deadline) {
            delivered = crm.count("Case") - casesBefore;
            samples.add(new double[] {(System.nanoTime() - start) / 1e9, delivered});
            if (visitorsDuringDrain == null && delivered >= count * 0.1) {
                visitorsDuringDrain = side.submit(() -> series(api, "rt-during-" + run, 10, 2));
            }
            LoadLoop.sleep(250);
        }
        if (visitorsDuringDrain != null) {
            newVisitors.addAll(visitorsDuringDrain.get(5, TimeUnit.MINUTES));
        }
        side.shutdownNow();
        double rate = count
                * 0.8
                / (DeliveryThroughput.crossing(samples, count * 0.9)
                        - DeliveryThroughput.crossing(samples, count * 0.1));
        double peak = crm.peakInFlight();
        double p50 = newVisitors.isEmpty()
                ? Double.NaN
                : LoadLoop.Stats.of(newVisitors, 0, 0).p50();
        Results.log(String.format(
                Locale.ROOT,
                "  %s: backlog of %d drained at %.1f cases/s, peak %.0f in flight, new visitors p50 %.0f ms",
                label,
                count,
                rate,
                peak,
                p50));
        results.put("rt.drain." + label + ".casesPerSecond", rate);
        return new double[] {rate, peak, p50};
    }

    /** Submissions at a steady rate, each waiting for its number in a thread of its own; answers the times (ms). */
    private static List<Double> series(ApiClient api, String tag, int count, double rate) throws Exception {
        List<Double> times = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool =
                Executors.newFixedThreadPool(Math.max(4, (int) Math.ceil(rate * 10)), LoadLoop.daemonThreads("rt"));
        List<Future<?>> submissions = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
            if (wait > 0) {
                LoadLoop.sleep(wait / 1_000_000);
            }
            int index = i;
            submissions.add(pool.submit(() -> {
                long sent = System.nanoTime();
                String reference = Traffic.submitAccepted(api, tag + "-" + index);
                times.add((Traffic.awaitCaseNumber(api, reference, CASE_NUMBER_TIMEOUT) - sent) / 1e6);
                return null;
            }));
        }
        for (Future<?> submission : submissions) {
            submission.get(5, TimeUnit.MINUTES);
        }
        pool.shutdownNow();
        return new ArrayList<>(times);
    }
}
