package io.casegate.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Threads that call as fast as they can for a fixed time: bounded in time, it stops by itself. */
final class LoadLoop {

    /** One request of a load loop; answers its HTTP status (200 and 202 count as accepted). */
    interface Call {
        int run(int index) throws Exception;
    }

    /** Accepted requests and their latencies (ms), errors, and the rate over the loop's elapsed time. */
    record Stats(long ok, long errors, double perSecond, double p50, double p99, double max) {

        static Stats of(List<Double> latencies, long errors, double seconds) {
            List<Double> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            int count = sorted.size();
            return new Stats(
                    count,
                    errors,
                    seconds == 0 ? 0 : count / seconds,
                    percentile(sorted, 50),
                    percentile(sorted, 99),
                    count == 0 ? 0 : sorted.get(count - 1));
        }

        private static double percentile(List<Double> sorted, double percent) {
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percent / 100 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }

    private LoadLoop() {}

    /**
     * {@code concurrency} threads call back to back for {@code seconds}. With a {@code phase} (the
     * first four CSV columns), every request is also a row of the results' CSV; a warm-up has none.
     */
    static Stats run(int seconds, int concurrency, Call call, String phase, Results results) throws Exception {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        AtomicInteger counter = new AtomicInteger();
        Map<String, Integer> errorsByKind = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, daemonThreads("load"));
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<?>> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            threads.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    int index = counter.getAndIncrement();
                    long sent = System.nanoTime();
                    int status;
                    try {
                        status = call.run(index);
                    } catch (Exception e) {
                        status = -1;
                        errorsByKind.merge(String.valueOf(e), 1, Integer::sum);
                    }
                    double millis = (System.nanoTime() - sent) / 1e6;
                    if (status == 202 || status == 200) {
                        latencies.add(millis);
                    } else {
                        errors.incrementAndGet();
                        errorsByKind.merge("status " + status, 1, Integer::sum);
                    }
                    if (phase != null) {
                        results.request(
                                phase + "," + index + "," + (sent - start) / 1_000_000 + "," + millis + "," + status);
                    }
                }
                return null;
            }));
        }
        for (Future<?> thread : threads) {
            thread.get(seconds + 120L, TimeUnit.SECONDS);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdownNow();
        if (!errorsByKind.isEmpty()) {
            Results.log("  errors: " + errorsByKind);
        }
        return Stats.of(latencies, errors.get(), elapsed);
    }

    /** Threads that never keep the JVM alive: a run that failed half-way still ends. */
    static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
