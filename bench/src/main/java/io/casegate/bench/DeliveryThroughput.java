package io.casegate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.casegate.testing.ApiClient;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.SandboxCrm;

/**
 * The delivery scenario, after a backlog: a burst of submissions posted as fast as 8 client threads
 * can, then the CRM's case count watched every half second until all are there. The sustained
 * rate is the slope between 10 % and 90 % of them, so neither the start nor the tail counts.
 */
record DeliveryThroughput(Settings settings, Results results, SandboxCrm crm) {

    private static final int SENDERS = 8;
    private static final long SAMPLE_MILLIS = 500;
    private static final long MAX_WATCH_NANOS = TimeUnit.MINUTES.toNanos(15);

    /**
     * @param label "default" or "alt": part of the keys
     * @param description the delivery settings of this Casegate, as the table shows them
     */
    void run(CasegateProcess casegate, String label, String description) throws Exception {
        ApiClient api = BenchServers.api(casegate);
        int count = settings.deliveryCount();
        long casesBefore = crm.count("Case");
        Results.log("delivery throughput (" + label + "): " + count + " submissions, load " + Machine.loadAverage());
        long start = System.nanoTime();
        postAll(api, "d-" + UUID.randomUUID().toString().substring(0, 8), count);
        double intakeSeconds = (System.nanoTime() - start) / 1e9;
        // [seconds since the burst started, cases delivered]
        List<double[]> samples = new ArrayList<>();
        long deadline = System.nanoTime() + MAX_WATCH_NANOS;
        long delivered = 0;
        while (delivered < count && System.nanoTime() < deadline) {
            delivered = crm.count("Case") - casesBefore;
            double seconds = (System.nanoTime() - start) / 1e9;
            samples.add(new double[] {seconds, delivered});
            results.request("delivery,casegate,H2," + label + "," + samples.size() + "," + (long) (seconds * 1000)
                    + ",," + delivered);
            LoadLoop.sleep(SAMPLE_MILLIS);
        }
        double rate = count * 0.8 / (crossing(samples, count * 0.9) - crossing(samples, count * 0.1));
        results.put("delivery." + label + ".count", delivered);
        results.put("delivery." + label + ".intakeSeconds", intakeSeconds);
        results.put("delivery." + label + ".casesPerSecond", rate);
        results.put("delivery." + label + ".settings", description);
    }

    /** {@code count} submissions posted as fast as 8 client threads can, tagged {@code tag-<index>}. */
    static void postAll(ApiClient api, String tag, int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS, LoadLoop.daemonThreads("burst"));
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < SENDERS; t++) {
            senders.add(pool.submit(() -> {
                for (int index = next.getAndIncrement(); index < count; index = next.getAndIncrement()) {
                    Traffic.submitAccepted(api, tag + "-" + index);
                }
                return null;
            }));
        }
        for (Future<?> sender : senders) {
            sender.get(10, TimeUnit.MINUTES);
        }
        pool.shutdownNow();
    }

    /** When the delivered count first reached {@code value}, in seconds since the burst started. */
    static double crossing(List<double[]> samples, double value) {
        for (double[] sample : samples) {
            if (sample[1] >= value) {
                return sample[0];
            }
        }
        return Double.NaN;
    }
}
