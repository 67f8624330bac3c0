package io.casegate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CasegateProcess;

/**
 * The memory scenario: Casegate's heap while large files come in, from a baseline after a full GC,
 * sampled every 50 ms, then after another full GC. Three cases: one 200 MB file through the API,
 * one through the form (no JavaScript, one multipart POST), 32 × 10 MB through the API at once.
 * Each waits for its case numbers, so that delivery (external storage for the 200 MB file, 512 KB
 * chunks for the others) is inside the window. The files are generated as they are sent.
 */
record HeapDuringUploads(Results results) {

    private static final long MB = 1024 * 1024;
    private static final Duration CASE_NUMBER_TIMEOUT = Duration.ofMinutes(5);
    /** Above this much retained after GC, the log shows the live heap's largest classes. */
    private static final double RETAINED_WORTH_A_HISTOGRAM = 16 * MB;

    private static final int PARALLEL_UPLOADS = 32;

    /** One case's uploads, waiting for their case numbers. */
    private interface Uploads {
        void run() throws Exception;
    }

    void run(CasegateProcess casegate) throws Exception {
        ApiClient api = BenchServers.api(casegate);
        HeapGauge heap = new HeapGauge(casegate.pid());
        measure(heap, "memory.api200", () -> {
            Answer answer = api.submitGenerated(Traffic.visitor("mem-200-" + UUID.randomUUID()), "big.pdf", 200 * MB);
            Traffic.awaitCaseNumber(api, Traffic.reference(answer, "200 MB upload"), CASE_NUMBER_TIMEOUT);
        });
        FormUpload form = new FormUpload(casegate);
        measure(heap, "memory.form200", () -> {
            String shown = form.submit(Traffic.visitor("mem-form-" + UUID.randomUUID()), "big.pdf", 200 * MB);
            Results.log("memory.form200: the form showed " + shown);
            // A reference means the number was not there yet: wait for it, as for the API's uploads.
            if (shown.startsWith("WEB-")) {
                Traffic.awaitCaseNumber(api, shown, CASE_NUMBER_TIMEOUT);
            }
        });
        measure(heap, "memory.api32x10", () -> {
            ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_UPLOADS, LoadLoop.daemonThreads("mem"));
            List<Future<String>> uploads = new ArrayList<>();
            for (int i = 0; i < PARALLEL_UPLOADS; i++) {
                String tag = "mem-10-" + UUID.randomUUID() + "-" + i;
                uploads.add(pool.submit(() -> Traffic.reference(
                        api.submitGenerated(Traffic.visitor(tag), "f.pdf", 10 * MB), "10 MB upload")));
            }
            for (Future<String> upload : uploads) {
                Traffic.awaitCaseNumber(api, upload.get(10, TimeUnit.MINUTES), CASE_NUMBER_TIMEOUT);
            }
            pool.shutdownNow();
        });
    }

    private void measure(HeapGauge heap, String key, Uploads uploads) throws Exception {
        heap.collect();
        LoadLoop.sleep(1000);
        HeapGauge.Heap base = heap.now();
        Results.log(key + ": baseline used " + mb(base.used()) + " MB (old " + mb(base.oldUsed()) + " MB), load "
                + Machine.loadAverage());
        heap.startSampling();
        long start = System.nanoTime();
        HeapGauge.Heap peak;
        try {
            uploads.run();
        } finally {
            peak = heap.stopSampling();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        heap.collect();
        LoadLoop.sleep(1000);
        double retained = heap.now().used() - base.used();
        results.put(key + ".peakGrowthMB", mb(peak.used() - base.used()));
        results.put(key + ".peakOldGrowthMB", mb(peak.oldUsed() - base.oldUsed()));
        results.put(key + ".retainedAfterGcMB", mb(retained));
        if (retained > RETAINED_WORTH_A_HISTOGRAM) {
            Results.log(key + ": retained " + mb(retained) + " MB after GC; largest classes of the live heap:");
            heap.largestClasses(16).forEach(line -> Results.log("  " + line));
        }
        results.put(key + ".seconds", seconds);
    }

    /** Megabytes to one decimal, as the table shows them. */
    private static double mb(double bytes) {
        return Math.round(bytes / MB * 10) / 10.0;
    }
}
