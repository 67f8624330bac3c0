package io.casegate.bench;

import io.casegate.testing.ApiClient;
import io.casegate.testing.CasegateProcess;

/**
 * The intake scenario: at each concurrency level, threads post submissions back to back (each from
 * a visitor of their own, with a 100 KB report) for the level's time, after a warm-up at
 * concurrency 8. The dispatcher delivers into the sandbox meanwhile, as it would in production.
 * Figures: rate of 202 answers, p50/p99 latency, errors and Casegate's CPU per accepted submission.
 */
record IntakeThroughput(Settings settings, Results results) {

    private static final int WARMUP_CONCURRENCY = 8;

    /** @param database "H2" or "PostgreSQL": the column of the table and part of every key */
    void run(CasegateProcess casegate, String database) throws Exception {
        ApiClient api = BenchServers.api(casegate);
        Results.log("intake on " + database + ": warm-up " + settings.warmupSeconds() + " s");
        LoadLoop.run(
                settings.warmupSeconds(),
                WARMUP_CONCURRENCY,
                index -> Traffic.submit(api, "warm-" + database + "-" + index).status(),
                null,
                results);
        for (int concurrency : settings.levels()) {
            String key = "intake." + database + ".c" + concurrency;
            Results.log("intake on " + database + ", concurrency " + concurrency + ", " + settings.secondsPerLevel()
                    + " s, load " + Machine.loadAverage());
            long cpuBefore = Machine.cpuMillis(casegate.pid());
            LoadLoop.Stats stats = LoadLoop.run(
                    settings.secondsPerLevel(),
                    concurrency,
                    index -> Traffic.submit(api, "v-" + database + "-" + concurrency + "-" + index)
                            .status(),
                    "intake,casegate," + database + "," + concurrency,
                    results);
            long cpu = Machine.cpuMillis(casegate.pid()) - cpuBefore;
            results.record(key, stats);
            // All of Casegate's threads, delivery included, per accepted submission: what one costs on this machine.
            results.put(key + ".cpuMsPerSubmission", stats.ok() == 0 ? Double.NaN : cpu / (double) stats.ok());
        }
    }
}
