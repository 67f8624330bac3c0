import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Casegate's benchmark (issue 7). Started by {@code bench/run}; a single-file Java 17 program with
 * no dependencies beyond the JDK. It starts the sandbox CRM and Casegate as separate Payara Micro
 * processes on 127.0.0.1, drives them, prints one table and writes it with the raw data to
 * {@code bench/results/}. Every process it starts is killed at the end (and by bench/run's trap).
 *
 * Settings are system properties (bench/run passes BENCH_* environment variables through):
 * bench.seconds (per intake level), bench.levels, bench.latencyMs, bench.ttc.count, bench.ttc.rate,
 * bench.delivery.count, bench.postgres (true/false), bench.memory (true/false), bench.delivery.alt
 * (delivery concurrency of a second delivery run, 0 = skip), bench.warmupSeconds.
 */
public final class Bench {

    static final String API_KEY = "bench-key";
    static final Path ROOT = Path.of(System.getProperty("bench.root", "."));
    static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    static final int WARMUP = Integer.getInteger("bench.warmupSeconds", 10);
    static final int LATENCY_MS = Integer.getInteger("bench.latencyMs", 50);
    static final int[] LEVELS = java.util.Arrays.stream(System.getProperty("bench.levels", "1,8,32").split(","))
            .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    static final int TTC_COUNT = Integer.getInteger("bench.ttc.count", 40);
    static final double TTC_RATE = Double.parseDouble(System.getProperty("bench.ttc.rate", "2"));
    static final int DELIVERY_COUNT = Integer.getInteger("bench.delivery.count", 300);
    static final int DELIVERY_ALT = Integer.getInteger("bench.delivery.alt", 16);
    static final boolean POSTGRES = Boolean.parseBoolean(System.getProperty("bench.postgres", "true"));
    static final boolean MEMORY = Boolean.parseBoolean(System.getProperty("bench.memory", "true"));
    static final String PG_SERVER = System.getProperty("bench.postgres.server", "127.0.0.1");
    static final int PG_PORT = Integer.getInteger("bench.postgres.port", 5432);
    static final String PG_USER = System.getProperty("bench.postgres.user", "postgres");

    static final byte[] FILE_100K = pattern(100 * 1024, 1);
    static final Set PROCESSES = new Set();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(8, daemon("http"))).build();

    /** Results, in the order of the table: metric → value. */
    static final Map<String, Object> RESULTS = new LinkedHashMap<>();
    static final List<String> RAW = Collections.synchronizedList(new ArrayList<>());
    static final List<String> NOTES = new ArrayList<>();
    static Path results;
    static String stamp;

    public static void main(String[] args) throws Exception {
        stamp = Instant.now().toString().replace(":", "").replaceAll("\\.\\d+", "");
        results = Files.createDirectories(ROOT.resolve("bench/results"));
        Path work = Files.createDirectories(ROOT.resolve("target/bench/" + stamp));
        Runtime.getRuntime().addShutdownHook(new Thread(PROCESSES::killAll));
        RAW.add("phase,strategy,db,concurrency,index,start_ms,latency_ms,status");
        RESULTS.put("started", Instant.now().toString());
        RESULTS.put("loadavg.start", loadavg());
        try {
            Server sandbox = Server.start("sandbox", "sandboxhost", work, Map.of("casegate.sandbox.enabled", "true",
                    "casegate.data.dir", work.resolve("sandbox-data").toString()), "sandbox/_stats", "-Xmx1g");
            put(sandbox.url("sandbox/_faults"), "{\"latencyMs\":" + LATENCY_MS + "}");
            Crm crm = new Crm(sandbox.url("sandbox/"));
            crm.caseCount(); // the bench's own session, before any counting starts

            // 1. Intake, the brief's strategy (synchronous CRM calls in the request thread).
            brief(crm);

            // 1. Intake on H2.
            try (Server casegate = casegate("casegate-h2", work, sandbox, h2(work, "h2"), Map.of())) {
                intake(casegate, "H2");
            }
            // 1. Intake on PostgreSQL.
            if (POSTGRES) {
                String db = "casegate_bench_" + UUID.randomUUID().toString().substring(0, 8);
                psql("CREATE DATABASE " + db);
                try (Server casegate = casegate("casegate-pg", work, sandbox, Map.of(
                        "casegate.db.url", "jdbc:postgresql://" + PG_SERVER + ":" + PG_PORT + "/" + db,
                        "casegate.db.user", PG_USER), Map.of())) {
                    intake(casegate, "PostgreSQL");
                } finally {
                    psql("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                }
                // 2. Time to case number on PostgreSQL, on a fresh database without intake's backlog.
                String ttcDb = "casegate_bench_" + UUID.randomUUID().toString().substring(0, 8);
                psql("CREATE DATABASE " + ttcDb);
                try (Server casegate = casegate("casegate-pg-ttc", work, sandbox, Map.of(
                        "casegate.db.url", "jdbc:postgresql://" + PG_SERVER + ":" + PG_PORT + "/" + ttcDb,
                        "casegate.db.user", PG_USER), Map.of())) {
                    timeToCase(casegate, crm, "PostgreSQL");
                } finally {
                    psql("DROP DATABASE IF EXISTS " + ttcDb + " WITH (FORCE)");
                }
            }
            // 2, 3, 4, 5 on a fresh Casegate (H2), whose CRM session starts empty.
            try (Server casegate = casegate("casegate-main", work, sandbox, h2(work, "main"), Map.of(
                    "casegate.files.max-file-size-mb", "250", "casegate.files.max-total-size-mb", "250"))) {
                long loginsBefore = crm.stat("logins");
                long casesBefore = crm.caseCount();
                timeToCase(casegate, crm, "H2");
                if (MEMORY) {
                    memory(casegate);
                }
                delivery(casegate, crm, "default");
                long delivered = crm.caseCount() - casesBefore;
                long logins = crm.stat("logins") - loginsBefore;
                RESULTS.put("casegate.logins", logins);
                RESULTS.put("casegate.delivered", delivered);
                RESULTS.put("casegate.loginsPer1000", delivered == 0 ? 0 : 1000.0 * logins / delivered);
            }
            if (DELIVERY_ALT > 0) {
                try (Server casegate = casegate("casegate-alt", work, sandbox, h2(work, "alt"), Map.of(
                        "casegate.delivery.concurrency", String.valueOf(DELIVERY_ALT),
                        "casegate.crm.max-concurrency", String.valueOf(DELIVERY_ALT)))) {
                    delivery(casegate, crm, "alt");
                }
            }
        } finally {
            PROCESSES.killAll();
            RESULTS.put("loadavg.end", loadavg());
            RESULTS.put("finished", Instant.now().toString());
            report();
        }
        System.exit(0);
    }

    // ---------------------------------------------------------------- phases

    static Server casegate(String name, Path work, Server sandbox, Map<String, String> db, Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>(db);
        settings.put("casegate.data.dir", work.resolve(name + "-data").toString());
        settings.put("casegate.crm.url", sandbox.url("sandbox").toString());
        settings.put("casegate.crm.username", "Supervisor");
        settings.put("casegate.crm.password", "Supervisor");
        settings.put("casegate.sandbox.enabled", "false");
        settings.put("casegate.api.keys", API_KEY);
        settings.put("casegate.attachments.retention", "P7D");
        settings.putAll(extra);
        return Server.start(name, "casegate", work, settings, "index.xhtml", "-Xmx512m");
    }

    static Map<String, String> h2(Path work, String name) {
        return Map.of("casegate.db.url", "jdbc:h2:file:" + work.toAbsolutePath().resolve(name + "-db/casegate") + ";WRITE_DELAY=0");
    }

    static void intake(Server casegate, String db) throws Exception {
        Api api = new Api(casegate);
        log("intake on " + db + ": warm-up " + WARMUP + " s");
        load(WARMUP, 8, i -> api.submit(visitor("warm-" + db + "-" + i), FILE_100K, "report.pdf").status(), null);
        for (int c : LEVELS) {
            String phase = "intake," + "casegate," + db + "," + c;
            log("intake on " + db + ", concurrency " + c + ", " + SECONDS + " s, load " + loadavg());
            long cpu0 = cpuMillis(casegate.process.pid());
            Stats s = load(SECONDS, c, i -> api.submit(visitor("v-" + db + "-" + c + "-" + i), FILE_100K, "report.pdf").status(), phase);
            long cpu = cpuMillis(casegate.process.pid()) - cpu0;
            record("intake." + db + ".c" + c, s);
            // CPU time of Casegate's JVM (all threads, delivery included) per accepted submission.
            RESULTS.put("intake." + db + ".c" + c + ".cpuMsPerSubmission", s.ok == 0 ? Double.NaN : cpu / (double) s.ok);
        }
    }

    static void brief(Crm crm) throws Exception {
        log("the brief's strategy: warm-up");
        load(Math.min(WARMUP, 5), 4, i -> crm.briefSubmission(visitor("warm-brief-" + i), FILE_100K), null);
        long before = crm.stat("requests");
        long loginsBefore = crm.stat("logins");
        long n = 0;
        for (int c : LEVELS) {
            log("brief strategy, concurrency " + c + ", " + SECONDS + " s, load " + loadavg());
            Stats s = load(SECONDS, c, i -> crm.briefSubmission(visitor("b-" + c + "-" + i), FILE_100K), "intake,brief,-," + c);
            record("intake.brief.c" + c, s);
            n += s.ok;
        }
        RESULTS.put("brief.callsPerSubmission", (crm.stat("requests") - before) / (double) n);
        RESULTS.put("brief.loginsPer1000", 1000.0 * (crm.stat("logins") - loginsBefore) / n);
        // Returning visitors the brief's way: the visitors of the concurrency-1 level again, one after another.
        List<Double> returning = new ArrayList<>();
        long requests = crm.stat("requests");
        int count = 0;
        for (int i = 0; i < TTC_COUNT; i++) {
            long t0 = System.nanoTime();
            crm.briefSubmission(visitor("b-" + LEVELS[0] + "-" + i), FILE_100K);
            returning.add((System.nanoTime() - t0) / 1e6);
            count++;
        }
        Stats r = Stats.of(returning, 0, 0);
        RESULTS.put("brief.returning.p50", r.p50);
        RESULTS.put("brief.returning.p99", r.p99);
        RESULTS.put("brief.returning.calls", (crm.stat("requests") - requests) / (double) count);
    }

    /** Time from submission to case number, at a steady rate, for new visitors and then for the same visitors returning. */
    /** Time to case number on the given database; the CRM calls per submission are counted on H2 only. */
    static void timeToCase(Server casegate, Crm crm, String db) throws Exception {
        String key = db.equals("H2") ? "ttc." : "ttc." + db + ".";
        Api api = new Api(casegate);
        // One delivery first, so that the login and the service catalogue are not in the figures.
        String first = api.submit(visitor("first-" + UUID.randomUUID()), FILE_100K, "report.pdf").field("reference");
        awaitCase(api, first, 60_000);
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (String kind : List.of("new", "returning")) {
            long requests = crm.stat("requests");
            long logins = crm.stat("logins");
            log("time to case, " + kind + " visitors, " + TTC_COUNT + " at " + TTC_RATE + "/s, load " + loadavg());
            List<Double> times = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(4, (int) Math.ceil(TTC_RATE * 10)), daemon("ttc"));
            List<Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < TTC_COUNT; i++) {
                long due = start + (long) (i * 1e9 / TTC_RATE);
                sleepUntil(due);
                int index = i;
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    Answer a = api.submit(visitor("ttc-" + run + "-" + index), FILE_100K, "report.pdf");
                    if (a.status() != 202) {
                        throw new IllegalStateException("intake answered " + a.status() + ": " + a.body());
                    }
                    long t1 = awaitCase(api, a.field("reference"), 60_000);
                    double ms = (t1 - t0) / 1e6;
                    times.add(ms);
                    RAW.add("ttc,casegate," + db + "," + kind + "," + index + "," + (t0 - start) / 1_000_000 + "," + ms + ",200");
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdownNow();
            // The number is shown once the case exists; the message and file follow: let them land
            // before the calls are counted (until the CRM has seen no request for a second).
            long seen = -1;
            for (long deadline = System.nanoTime() + 30_000_000_000L; System.nanoTime() < deadline; sleep(1000)) {
                long now = crm.stat("requests");
                if (now == seen) {
                    break;
                }
                seen = now;
            }
            Stats s = Stats.of(times, 0, 0);
            RESULTS.put(key + kind + ".p50", s.p50);
            RESULTS.put(key + kind + ".p99", s.p99);
            RESULTS.put(key + kind + ".max", s.max);
            if (db.equals("H2")) {
                RESULTS.put("calls." + kind, (crm.stat("requests") - requests) / (double) TTC_COUNT);
                RESULTS.put("logins." + kind, crm.stat("logins") - logins);
            }
        }
        // The brief's time to case is its request latency at concurrency 1 (it answers with the number).
    }

    /** Polls the status every 10 ms; answers System.nanoTime() when the case number was first seen. */
    static long awaitCase(Api api, String reference, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            Answer a = api.status(reference);
            if (a.field("caseNumber") != null) {
                return System.nanoTime();
            }
            sleep(10);
        }
        throw new IllegalStateException(reference + " got no case number within " + timeoutMs + " ms");
    }

    /** Submits a burst quickly, then watches the CRM's case count grow: the sustained rate is the slope between 10 % and 90 %. */
    static void delivery(Server casegate, Crm crm, String label) throws Exception {
        Api api = new Api(casegate);
        long casesBefore = crm.caseCount();
        log("delivery throughput (" + label + "): " + DELIVERY_COUNT + " submissions, load " + loadavg());
        String run = UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8, daemon("burst"));
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < DELIVERY_COUNT; i = next.getAndIncrement()) {
                    Answer a = api.submit(visitor("d-" + run + "-" + i), FILE_100K, "report.pdf");
                    if (a.status() != 202) {
                        throw new IllegalStateException("intake answered " + a.status());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdownNow();
        double intakeSeconds = (System.nanoTime() - start) / 1e9;
        List<double[]> samples = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        long count = 0;
        while (count < DELIVERY_COUNT && System.nanoTime() < deadline) {
            count = crm.caseCount() - casesBefore;
            samples.add(new double[] {(System.nanoTime() - start) / 1e9, count});
            RAW.add("delivery,casegate,H2," + label + "," + samples.size() + "," + (long) (samples.get(samples.size() - 1)[0] * 1000) + ",," + count);
            sleep(500);
        }
        double t10 = crossing(samples, DELIVERY_COUNT * 0.1);
        double t90 = crossing(samples, DELIVERY_COUNT * 0.9);
        double rate = DELIVERY_COUNT * 0.8 / (t90 - t10);
        RESULTS.put("delivery." + label + ".count", count);
        RESULTS.put("delivery." + label + ".intakeSeconds", intakeSeconds);
        RESULTS.put("delivery." + label + ".casesPerSecond", rate);
        RESULTS.put("delivery." + label + ".settings", label.equals("alt")
                ? "delivery.concurrency=" + DELIVERY_ALT + ", crm.max-concurrency=" + DELIVERY_ALT
                : "delivery.concurrency=4, crm.max-concurrency=8 (defaults)");
    }

    static double crossing(List<double[]> samples, double value) {
        for (double[] s : samples) {
            if (s[1] >= value) {
                return s[0];
            }
        }
        return Double.NaN;
    }

    /** Heap growth while one 200 MB file, and then 32 files of 10 MB at once, are uploaded through the API. */
    static void memory(Server casegate) throws Exception {
        Api api = new Api(casegate);
        heapCase(casegate, "memory.api200", () -> {
            Answer a = api.submitStreamed(visitor("mem-200-" + UUID.randomUUID()), 200L * 1024 * 1024, "big.pdf");
            if (a.status() != 202) {
                throw new IllegalStateException("200 MB upload answered " + a.status() + ": " + a.body());
            }
            awaitCase(api, a.field("reference"), 300_000);
        });
        Form form = new Form(casegate);
        heapCase(casegate, "memory.form200", () -> {
            String shown = form.submitStreamed(visitor("mem-form-" + UUID.randomUUID()), 200L * 1024 * 1024, "big.pdf");
            log("memory.form200: the form showed " + shown);
            if (shown.startsWith("WEB-")) {
                awaitCase(api, shown, 300_000);
            }
        });
        heapCase(casegate, "memory.api32x10", () -> {
            ExecutorService pool = Executors.newFixedThreadPool(32, daemon("mem"));
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    Answer a = api.submitStreamed(visitor("mem-10-" + UUID.randomUUID() + "-" + index), 10L * 1024 * 1024, "f.pdf");
                    if (a.status() != 202) {
                        throw new IllegalStateException("10 MB upload answered " + a.status() + ": " + a.body());
                    }
                    return a.field("reference");
                }));
            }
            for (Future<String> f : futures) {
                awaitCase(api, f.get(10, TimeUnit.MINUTES), 300_000);
            }
            pool.shutdownNow();
        });
    }

    interface Action {
        void run() throws Exception;
    }

    /** Samples the heap (jstat -gc every 50 ms) of Casegate's JVM during the action; baseline after a full GC. */
    static void heapCase(Server casegate, String key, Action action) throws Exception {
        long pid = casegate.process.pid();
        jcmd(pid, "GC.run");
        sleep(1000);
        double[] base = jstat(pid);
        log(key + ": baseline used " + mb(base[0]) + " MB (old " + mb(base[1]) + " MB), load " + loadavg());
        Process sampler = new ProcessBuilder("jstat", "-gc", String.valueOf(pid), "50").redirectErrorStream(true).start();
        double[] peak = {0, 0};
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(sampler.getInputStream()))) {
                String line;
                while ((line = r.readLine()) != null) {
                    double[] u = parseJstat(line);
                    if (u != null) {
                        synchronized (peak) {
                            peak[0] = Math.max(peak[0], u[0]);
                            peak[1] = Math.max(peak[1], u[1]);
                        }
                    }
                }
            } catch (IOException ignored) {
                // The sampler was stopped.
            }
        });
        reader.setDaemon(true);
        reader.start();
        long t0 = System.nanoTime();
        try {
            action.run();
        } finally {
            sampler.destroy();
            reader.join(2000);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        jcmd(pid, "GC.run");
        sleep(1000);
        double[] after = jstat(pid);
        synchronized (peak) {
            RESULTS.put(key + ".peakGrowthMB", mb(peak[0] - base[0]));
            RESULTS.put(key + ".peakOldGrowthMB", mb(peak[1] - base[1]));
        }
        RESULTS.put(key + ".retainedAfterGcMB", mb(after[0] - base[0]));
        if (after[0] - base[0] > 16 * 1024 * 1024) {
            // What stays after a full GC: the largest classes of the live heap, for the log.
            Process histogram = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.class_histogram").redirectErrorStream(true).start();
            String[] lines = new String(histogram.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
            histogram.waitFor();
            log(key + ": retained " + mb(after[0] - base[0]) + " MB after GC; largest classes of the live heap:");
            for (int i = 0; i < Math.min(lines.length, 16); i++) {
                log("  " + lines[i]);
            }
        }
        RESULTS.put(key + ".seconds", seconds);
    }

    /** [used, old used] in bytes from one line of jstat -gc, or null for a header line. */
    static double[] parseJstat(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10 || !Character.isDigit(f[0].charAt(0))) {
            return null;
        }
        // S0C S1C S0U S1U EC EU OC OU ...
        double used = Double.parseDouble(f[2]) + Double.parseDouble(f[3]) + Double.parseDouble(f[5]) + Double.parseDouble(f[7]);
        return new double[] {used * 1024, Double.parseDouble(f[7]) * 1024};
    }

    static double[] jstat(long pid) throws Exception {
        Process p = new ProcessBuilder("jstat", "-gc", String.valueOf(pid)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        for (String line : out.split("\n")) {
            double[] u = parseJstat(line);
            if (u != null) {
                return u;
            }
        }
        throw new IllegalStateException("jstat: " + out);
    }

    static void jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
    }

    static double mb(double bytes) {
        return Math.round(bytes / 1024 / 1024 * 10) / 10.0;
    }

    // ---------------------------------------------------------------- load loop

    interface Call {
        int run(int index) throws Exception;
    }

    /** {@code concurrency} threads call as fast as they can for {@code seconds}; bounded in time, stops by itself. */
    static Stats load(int seconds, int concurrency, Call call, String phase) throws Exception {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, daemon("load"));
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<?>> futures = new ArrayList<>();
        Map<String, Integer> firstErrors = new ConcurrentHashMap<>();
        for (int t = 0; t < concurrency; t++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    int i = counter.getAndIncrement();
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        status = call.run(i);
                    } catch (Exception e) {
                        status = -1;
                        firstErrors.merge(String.valueOf(e), 1, Integer::sum);
                    }
                    long t1 = System.nanoTime();
                    double ms = (t1 - t0) / 1e6;
                    if (status == 202 || status == 200) {
                        latencies.add(ms);
                    } else {
                        errors.incrementAndGet();
                        firstErrors.merge("status " + status, 1, Integer::sum);
                    }
                    if (phase != null) {
                        RAW.add(phase + "," + i + "," + (t0 - start) / 1_000_000 + "," + ms + "," + status);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(seconds + 120L, TimeUnit.SECONDS);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdownNow();
        if (!firstErrors.isEmpty()) {
            log("  errors: " + firstErrors);
        }
        return Stats.of(latencies, errors.get(), elapsed);
    }

    record Stats(long ok, long errors, double perSecond, double p50, double p99, double max) {
        static Stats of(List<Double> latencies, long errors, double seconds) {
            List<Double> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            int n = sorted.size();
            return new Stats(n, errors, seconds == 0 ? 0 : n / seconds, pct(sorted, 50), pct(sorted, 99), n == 0 ? 0 : sorted.get(n - 1));
        }

        static double pct(List<Double> sorted, double p) {
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }

    static void record(String key, Stats s) {
        RESULTS.put(key + ".perSecond", s.perSecond);
        RESULTS.put(key + ".p50", s.p50);
        RESULTS.put(key + ".p99", s.p99);
        RESULTS.put(key + ".ok", s.ok);
        RESULTS.put(key + ".errors", s.errors);
        RESULTS.put(key + ".loadavg", loadavg());
        log(String.format(Locale.ROOT, "  %s: %.1f/s, p50 %.1f ms, p99 %.1f ms, %d ok, %d errors", key, s.perSecond, s.p50, s.p99, s.ok, s.errors));
    }

    // ---------------------------------------------------------------- submissions

    /** A valid submission of a visitor of their own (as the integration tests' ApiClient.distinctVisitor). */
    static Map<String, String> visitor(String tag) {
        Map<String, String> f = new LinkedHashMap<>();
        Random random = new Random(tag.hashCode());
        f.put("name", "Иванов Иван Иванович");
        f.put("email", tag + "@example.ru");
        f.put("phone", "+7 9" + String.format("%09d", Math.floorMod(random.nextLong(), 1_000_000_000L)));
        f.put("organisation", "ООО Организация " + tag);
        f.put("inn", inn(String.format("%09d", Math.floorMod(random.nextLong(), 1_000_000_000L))));
        f.put("service", "Кассовое ПО");
        f.put("subject", "Не работает вход " + tag);
        f.put("description", "После обновления не открывается личный кабинет.");
        f.put("consent", "true");
        return f;
    }

    /** The visitor of {@code tag} again: the same e-mail and phone, so the CRM's contact is found. */
    static String inn(String nine) {
        int[] w = {2, 4, 10, 3, 5, 9, 4, 6, 8};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += w[i] * (nine.charAt(i) - '0');
        }
        return nine + (sum % 11 % 10);
    }

    record Answer(int status, String body) {
        String field(String name) {
            Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
            return m.find() ? m.group(1) : null;
        }
    }

    /** Casegate's REST intake. */
    static final class Api {
        final URI submissions;

        Api(Server casegate) {
            this.submissions = casegate.url("api/v1/submissions");
        }

        Answer submit(Map<String, String> fields, byte[] file, String fileName) {
            String boundary = "bench-" + UUID.randomUUID();
            byte[] head = multipartHead(boundary, fields, "files", fileName);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[head.length + file.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(file, 0, body, head.length, file.length);
            System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
            return send(HttpRequest.newBuilder(submissions).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        }

        /** The same, with a file of {@code size} bytes generated on the fly (never held in the bench's memory). */
        Answer submitStreamed(Map<String, String> fields, long size, String fileName) {
            return send(streamedMultipart(HttpRequest.newBuilder(submissions), fields, "files", size, fileName));
        }

        Answer status(String reference) {
            return send(HttpRequest.newBuilder(submissions.resolve("submissions/" + reference)).GET());
        }


        private static Answer send(HttpRequest.Builder request) {
            request.header("X-Api-Key", API_KEY);
            try {
                HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Answer(r.statusCode(), r.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The fields, then the head of the file part named {@code fileField}: its content follows. */
    static byte[] multipartHead(String boundary, Map<String, String> fields, String fileField, String fileName) {
        StringBuilder b = new StringBuilder();
        fields.forEach((name, value) -> b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(name).append("\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n").append(value).append("\r\n"));
        b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(fileField)
                .append("\"; filename=\"").append(fileName).append("\"\r\nContent-Type: application/pdf\r\n\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A multipart POST whose file of {@code size} bytes is generated on the fly (never held in the bench's memory). */
    static HttpRequest.Builder streamedMultipart(HttpRequest.Builder request, Map<String, String> fields, String fileField,
            long size, String fileName) {
        String boundary = "bench-" + UUID.randomUUID();
        byte[] head = multipartHead(boundary, fields, fileField, fileName);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        long length = head.length + size + tail.length;
        return request.header("Content-Type", "multipart/form-data; boundary=" + boundary).timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                        new SequenceInputStream(new ByteArrayInputStream(head), new PatternStream(size)),
                        new ByteArrayInputStream(tail))), length));
    }

    /**
     * The visitors' form as a browser without JavaScript sends it: the page is read for its view
     * state and services, then the form is posted as one multipart request, and the answer is the
     * whole page with the success dialog.
     */
    static final class Form {
        final URI page;
        final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new java.net.CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();

        Form(Server casegate) {
            this.page = casegate.url("");
        }

        /** Sends the form with one generated file; answers the number shown in the success dialog. */
        String submitStreamed(Map<String, String> visitor, long size, String fileName) throws Exception {
            String html = browser.send(HttpRequest.newBuilder(page).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
            String viewState = find(html, "name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]*)\"");
            String action = find(html, "<form id=\"feedback\"[^>]*action=\"([^\"]*)\"").replace("&amp;", "&");
            String service = find(html, "<option value=\"([^\"]+)\"");
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("feedback", "feedback");
            for (String name : List.of("name", "email", "phone", "organisation", "inn", "subject", "description")) {
                fields.put("feedback:" + name, visitor.get(name));
            }
            fields.put("feedback:service", service);
            fields.put("feedback:consent", "on");
            fields.put("feedback:website", "");
            fields.put("feedback:send", "send");
            fields.put("jakarta.faces.ViewState", viewState);
            HttpResponse<String> answer = browser.send(streamedMultipart(HttpRequest.newBuilder(page.resolve(action)), fields,
                    "feedback:files", size, fileName).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Matcher shown = Pattern.compile("id=\"sent-message\">\\s*[^<]*?((SR|WEB-)[0-9-]+)").matcher(answer.body());
            if (answer.statusCode() != 200 || !shown.find()) {
                throw new IllegalStateException("the form answered " + answer.statusCode() + " without a number: "
                        + answer.body().replaceAll("(?s)<[^>]*>", " ").replaceAll("\\s+", " "));
            }
            return shown.group(1);
        }

        private static String find(String html, String regex) {
            Matcher m = Pattern.compile(regex).matcher(html);
            if (!m.find()) {
                throw new IllegalStateException("the form page lacks " + regex);
            }
            return m.group(1);
        }
    }

    /** size bytes of a repeating pseudo-random pattern. */
    static final class PatternStream extends InputStream {
        static final byte[] BLOCK = pattern(64 * 1024, 7);
        long remaining;
        long position;

        PatternStream(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            return BLOCK[(int) (position++ % BLOCK.length)] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int offset = (int) (position % BLOCK.length);
            int n = (int) Math.min(Math.min(len, remaining), BLOCK.length - offset);
            System.arraycopy(BLOCK, offset, b, off, n);
            remaining -= n;
            position += n;
            return n;
        }
    }

    static byte[] pattern(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    // ---------------------------------------------------------------- the CRM, and the brief's strategy

    /** The sandbox CRM over its HTTP API: counters, and the brief's integration (login per submission, calls in sequence). */
    static final class Crm {
        final URI base;
        String session;
        String csrf;

        Crm(URI base) {
            this.base = base;
        }

        long stat(String name) {
            String body = get(base.resolve("_stats"), Map.of()).body();
            Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("_stats: " + body);
            }
            return Long.parseLong(m.group(1));
        }

        /** The number of cases in the CRM (through the bench's own session; its calls are not subtracted, see docs). */
        synchronized long caseCount() {
            if (session == null) {
                String[] s = login();
                session = s[0];
                csrf = s[1];
            }
            HttpResponse<String> r = get(base.resolve("0/odata/Case/$count"), Map.of("Cookie", session));
            return Long.parseLong(r.body().trim());
        }

        /** Answers {cookie header, csrf}. */
        String[] login() {
            HttpResponse<String> r = post(base.resolve("ServiceModel/AuthService.svc/Login"), Map.of("Content-Type", "application/json"),
                    "{\"UserName\":\"Supervisor\",\"UserPassword\":\"Supervisor\"}");
            StringBuilder cookies = new StringBuilder();
            String token = null;
            for (String c : r.headers().allValues("Set-Cookie")) {
                String pair = c.split(";", 2)[0];
                cookies.append(cookies.length() == 0 ? "" : "; ").append(pair);
                if (pair.startsWith("BPMCSRF=")) {
                    token = pair.substring("BPMCSRF=".length());
                }
            }
            if (r.statusCode() != 200 || token == null) {
                throw new IllegalStateException("login: " + r.statusCode() + " " + r.body());
            }
            return new String[] {cookies.toString(), token};
        }

        /** One submission the brief's way: a login, then the CRM calls one after another; answers 200 with the case number. */
        int briefSubmission(Map<String, String> f, byte[] file) {
            String[] s = login();
            Map<String, String> json = Map.of("Cookie", s[0], "BPMCSRF", s[1], "Content-Type", "application/json", "Accept", "application/json");
            String email = f.get("email").toLowerCase(Locale.ROOT);
            String phone = "+7" + f.get("phone").replaceAll("\\D", "").substring(1);
            String filter = "tolower(Email) eq '" + email + "' or MobilePhone eq '" + phone + "'";
            HttpResponse<String> found = get(base.resolve("0/odata/Contact?$select=Id,AccountId&$top=1&$filter=" + enc(filter)), json);
            check(found, 200);
            String contactId;
            String accountId;
            Matcher m = Pattern.compile("\"Id\"\\s*:\\s*\"([0-9a-f-]{36})\".*?\"AccountId\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(found.body());
            if (m.find()) {
                contactId = m.group(1);
                accountId = m.group(2);
            } else {
                accountId = UUID.randomUUID().toString();
                check(post(base.resolve("0/odata/Account"), json, "{\"Id\":\"" + accountId + "\",\"Name\":" + q(f.get("organisation"))
                        + ",\"INN\":" + q(f.get("inn")) + "}"), 201);
                contactId = UUID.randomUUID().toString();
                check(post(base.resolve("0/odata/Contact"), json, "{\"Id\":\"" + contactId + "\",\"Name\":" + q(f.get("name"))
                        + ",\"Email\":" + q(f.get("email")) + ",\"MobilePhone\":" + q(phone) + ",\"AccountId\":\"" + accountId + "\"}"), 201);
            }
            String caseId = UUID.randomUUID().toString();
            String now = Instant.now().toString();
            HttpResponse<String> created = post(base.resolve("0/odata/Case"), json, "{\"Id\":\"" + caseId + "\",\"Subject\":" + q(f.get("subject"))
                    + ",\"Symptoms\":" + q(f.get("description")) + ",\"ContactId\":\"" + contactId + "\",\"AccountId\":\"" + accountId
                    + "\",\"RegisteredOn\":\"" + now + "\"}");
            check(created, 201);
            Matcher number = Pattern.compile("\"Number\"\\s*:\\s*\"(SR\\d+)\"").matcher(created.body());
            if (!number.find()) {
                throw new IllegalStateException("no case number: " + created.body());
            }
            check(post(base.resolve("0/odata/Activity"), json, "{\"Id\":\"" + UUID.randomUUID() + "\",\"Title\":" + q(f.get("subject"))
                    + ",\"Body\":" + q(f.get("description")) + ",\"CaseId\":\"" + caseId + "\",\"ContactId\":\"" + contactId
                    + "\",\"AccountId\":\"" + accountId + "\",\"StartDate\":\"" + now + "\",\"DueDate\":\"" + now + "\"}"), 201);
            String fileId = UUID.randomUUID().toString();
            URI upload = base.resolve("0/rest/FileApiService/UploadFile?fileId=" + fileId + "&totalFileLength=" + file.length
                    + "&mimeType=application%2Fpdf&fileName=report.pdf&columnName=Data&entitySchemaName=CaseFile&parentColumnName=Case&parentColumnValue=" + caseId);
            HttpResponse<String> uploaded = send(HttpRequest.newBuilder(upload).header("Cookie", s[0]).header("BPMCSRF", s[1])
                    .header("Content-Type", "application/octet-stream").header("Content-Range", "bytes 0-" + (file.length - 1) + "/" + file.length)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(file)));
            check(uploaded, 200);
            if (!uploaded.body().contains("\"success\":true")) {
                throw new IllegalStateException("upload: " + uploaded.body());
            }
            return 200;
        }

        static void check(HttpResponse<String> r, int expected) {
            if (r.statusCode() != expected) {
                throw new IllegalStateException(r.request().uri().getPath() + " answered " + r.statusCode() + ": "
                        + r.body().substring(0, Math.min(300, r.body().length())));
            }
        }

        static String q(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }

        static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }

        static HttpResponse<String> get(URI uri, Map<String, String> headers) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
            headers.forEach((k, v) -> {
                if (!k.equals("Content-Type")) {
                    b.header(k, v);
                }
            });
            return send(b);
        }

        static HttpResponse<String> post(URI uri, Map<String, String> headers, String body) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(b::header);
            return send(b);
        }

        static HttpResponse<String> send(HttpRequest.Builder b) {
            try {
                return HTTP.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static void put(URI uri, String json) {
        Crm.check(Crm.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))), 200);
    }

    // ---------------------------------------------------------------- processes

    /** The processes this run started, killed at the end whatever happens. */
    static final class Set {
        final List<Process> processes = Collections.synchronizedList(new ArrayList<>());

        void add(Process p) {
            processes.add(p);
            try {
                Files.writeString(results.resolve(".pids"), p.pid() + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException ignored) {
                // bench/run's trap is a second line of defence only.
            }
        }

        void killAll() {
            synchronized (processes) {
                for (Process p : processes) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** Casegate's WAR in a Payara Micro of its own (as src/test/java/io/casegate/testing/CasegateProcess). */
    static final class Server implements AutoCloseable {
        final String name;
        final int port;
        final String contextRoot;
        Process process;

        Server(String name, String contextRoot) {
            this.name = name;
            this.contextRoot = contextRoot;
            this.port = freePort();
        }

        static Server start(String name, String contextRoot, Path work, Map<String, String> properties, String readyPath, String xmx) {
            Server s = new Server(name, contextRoot);
            try {
                Path rootDir = Files.createDirectories(work.resolve(name + "-payara"));
                Path log = work.resolve(name + ".log");
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.add(xmx);
                command.add("-Djava.net.preferIPv4Stack=true");
                properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
                command.addAll(List.of("-jar", ROOT.resolve("target/payara-micro.jar").toString(), "--nohazelcast",
                        "--prebootcommandfile", ROOT.resolve("src/main/payara/preboot.txt").toString(),
                        "--rootdir", rootDir.toString(), "--port", String.valueOf(s.port),
                        "--deploy", ROOT.resolve("target/casegate.war").toString(), "--contextroot", contextRoot));
                log("starting " + name + " on 127.0.0.1:" + s.port + " (log " + log + ")");
                s.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                PROCESSES.add(s.process);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
                while (System.nanoTime() < deadline) {
                    if (!s.process.isAlive()) {
                        throw new IllegalStateException(name + " exited while starting; see " + log);
                    }
                    try {
                        HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(s.url(readyPath)).timeout(Duration.ofSeconds(5)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 200) {
                            log(name + " is up");
                            return s;
                        }
                    } catch (IOException notYet) {
                        // Not listening yet.
                    }
                    sleep(500);
                }
                throw new IllegalStateException(name + " did not start within 300 s; see " + log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        URI url(String path) {
            return URI.create("http://127.0.0.1:" + port + "/" + contextRoot + "/" + path);
        }

        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static void psql(String sql) throws Exception {
        Process p = new ProcessBuilder("psql", "-h", PG_SERVER, "-p", String.valueOf(PG_PORT), "-U", PG_USER, "-d", "postgres",
                "-v", "ON_ERROR_STOP=1", "-c", sql).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql " + sql + ": " + out);
        }
        log("psql: " + sql);
    }

    // ---------------------------------------------------------------- report

    static void report() {
        try {
            String table = Report.table(RESULTS);
            System.out.println();
            System.out.println(table);
            Files.writeString(results.resolve(stamp + ".txt"), table);
            Files.writeString(results.resolve(stamp + ".csv"), String.join("\n", RAW) + "\n");
            Files.writeString(results.resolve(stamp + ".json"), Report.json(RESULTS));
            System.out.println("Written: bench/results/" + stamp + ".{txt,csv,json}");
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    /** utime + stime of a process from /proc, in milliseconds (clock ticks of 10 ms). */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static void log(String message) {
        System.out.println(java.time.LocalTime.now().withNano(0) + " " + message);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            sleep(wait / 1_000_000);
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
