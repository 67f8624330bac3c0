package io.casegate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.casegate.testing.ApiClient;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.SandboxCrm;

/**
 * The time-to-case-number scenario, and on H2 the CRM calls per submission: submissions at a steady
 * rate from new visitors, then the same visitors again (the CRM finds their contact). Each client
 * polls its status every 10 ms and stops the clock when the case number appears. The calls are the
 * sandbox's request counter over a series (logins included), read once the CRM has been quiet for a
 * second, because the number is shown before the message and the file are sent.
 */
record TimeToCaseNumber(Settings settings, Results results, SandboxCrm crm) {

    private static final Duration CASE_NUMBER_TIMEOUT = Duration.ofSeconds(60);
    private static final long QUIET_MILLIS = 1000;
    private static final long MAX_SETTLE_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** @param database "H2" (keys {@code ttc.*}, also the calls) or "PostgreSQL" (keys {@code ttc.PostgreSQL.*}) */
    void run(CasegateProcess casegate, String database) throws Exception {
        boolean countCalls = database.equals("H2");
        String key = countCalls ? "ttc." : "ttc." + database + ".";
        ApiClient api = BenchServers.api(casegate);
        // One delivery first, so that the first login and the service catalogue's read are not in the figures.
        Traffic.awaitCaseNumber(api, Traffic.submitAccepted(api, "first-" + UUID.randomUUID()), CASE_NUMBER_TIMEOUT);
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (String kind : List.of("new", "returning")) {
            SandboxCrm.Stats before = crm.stats();
            Results.log("time to case, " + kind + " visitors, " + settings.timeToCaseCount() + " at "
                    + settings.timeToCaseRate() + "/s, load " + Machine.loadAverage());
            LoadLoop.Stats stats = LoadLoop.Stats.of(series(api, database, kind, run), 0, 0);
            awaitQuietCrm(crm);
            results.put(key + kind + ".p50", stats.p50());
            results.put(key + kind + ".p99", stats.p99());
            results.put(key + kind + ".max", stats.max());
            if (countCalls) {
                SandboxCrm.Stats used = crm.stats().minus(before);
                results.put("calls." + kind, used.requests() / (double) settings.timeToCaseCount());
                results.put("logins." + kind, used.logins());
            }
        }
    }

    /** The series' submissions at the steady rate, each waiting for its number in a thread of its own; answers the times (ms). */
    private List<Double> series(ApiClient api, String database, String kind, String run) throws Exception {
        List<Double> times = Collections.synchronizedList(new ArrayList<>());
        // Enough threads for the submissions still waiting for a number (about 10 s of them at the rate).
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(4, (int) Math.ceil(settings.timeToCaseRate() * 10)), LoadLoop.daemonThreads("ttc"));
        List<Future<?>> submissions = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < settings.timeToCaseCount(); i++) {
            sleepUntil(start + (long) (i * 1e9 / settings.timeToCaseRate()));
            int index = i;
            submissions.add(pool.submit(() -> {
                long sent = System.nanoTime();
                String reference = Traffic.submitAccepted(api, "ttc-" + run + "-" + index);
                double millis = (Traffic.awaitCaseNumber(api, reference, CASE_NUMBER_TIMEOUT) - sent) / 1e6;
                times.add(millis);
                results.request("ttc,casegate," + database + "," + kind + "," + index + "," + (sent - start) / 1_000_000
                        + "," + millis + ",200");
                return null;
            }));
        }
        for (Future<?> submission : submissions) {
            submission.get(5, TimeUnit.MINUTES);
        }
        pool.shutdownNow();
        return times;
    }

    /** Waits until the CRM has had no request for a second (at most 30 s): the message and file follow the number. */
    static void awaitQuietCrm(SandboxCrm crm) {
        long seen = -1;
        for (long deadline = System.nanoTime() + MAX_SETTLE_NANOS;
                System.nanoTime() < deadline;
                LoadLoop.sleep(QUIET_MILLIS)) {
            long requests = crm.stats().requests();
            if (requests == seen) {
                return;
            }
            seen = requests;
        }
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            LoadLoop.sleep(wait / 1_000_000);
        }
    }
}
