package io.casegate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;

import io.casegate.testing.CasegateProcess;
import io.casegate.testing.SandboxCrm;
import io.casegate.testing.ThrowawayDatabase;

/**
 * Casegate's benchmark (issue 7), started by bench/run (docs/performance.md). Starts the sandbox
 * CRM, then Casegate five times, each on a fresh database so that one scenario's delivery backlog
 * does not disturb the next, runs the scenarios on them in this order, prints one table and writes
 * it with the raw data to bench/results/. Settings: {@link Settings}.
 */
public final class Bench {

    /** What a scenario does with the Casegate started for it. */
    private interface OnCasegate {
        void run(CasegateProcess casegate) throws Exception;
    }

    private Bench() {}

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromEnvironment();
        String stamp = Instant.now().toString().replace(":", "").replaceAll("\\.\\d+", "");
        Path resultsDirectory = Files.createDirectories(Path.of("bench", "results"));
        Path work = Files.createDirectories(Path.of("target", "bench", stamp));
        // The servers' logs stay with the run's data instead of the integration tests' target/it-logs.
        System.setProperty(CasegateProcess.LOGS_DIRECTORY_PROPERTY, work.toString());
        if (settings.pidFile().isPresent()) {
            recordPidsFor(settings.pidFile().get());
        }
        Results results = new Results();
        results.put("started", Instant.now().toString());
        results.put("loadavg.start", Machine.loadAverage());
        try (BenchServers servers = BenchServers.start(work, settings.latencyMs())) {
            if (settings.scenario().equals("round-trips")) {
                new RoundTrips(settings, results, servers).run(resultsDirectory, stamp);
            } else {
                runScenarios(settings, results, servers);
            }
        } finally {
            results.put("loadavg.end", Machine.loadAverage());
            results.put("finished", Instant.now().toString());
            if (!settings.scenario().equals("round-trips")) {
                results.write(resultsDirectory, stamp, settings);
            }
        }
        System.exit(0);
    }

    private static void runScenarios(Settings settings, Results results, BenchServers servers) throws Exception {
        SandboxCrm crm = servers.crm();
        // The bench's own CRM session (for counting cases), made before any counting starts.
        crm.count("Case");
        IntakeThroughput intake = new IntakeThroughput(settings, results);
        TimeToCaseNumber timeToCase = new TimeToCaseNumber(settings, results, crm);
        DeliveryThroughput delivery = new DeliveryThroughput(settings, results, crm);

        new BriefStrategy(settings, results, crm).run();
        withCasegate(servers, "casegate-h2", servers.h2("h2"), Map.of(), casegate -> intake.run(casegate, "H2"));
        if (settings.postgres()) {
            onFreshPostgres(servers, "casegate-pg", casegate -> intake.run(casegate, "PostgreSQL"));
            // On a database of its own, without the intake's backlog still being delivered.
            onFreshPostgres(servers, "casegate-pg-ttc", casegate -> timeToCase.run(casegate, "PostgreSQL"));
        }
        // Time to case, memory and delivery on one Casegate whose CRM session starts empty: its logins are counted over
        // all three.
        withCasegate(
                servers,
                "casegate-main",
                servers.h2("main"),
                Map.of("casegate.files.max-file-size-mb", "250", "casegate.files.max-total-size-mb", "250"),
                casegate -> {
                    SandboxCrm.Stats before = crm.stats();
                    long casesBefore = crm.count("Case");
                    timeToCase.run(casegate, "H2");
                    if (settings.memory()) {
                        new HeapDuringUploads(results).run(casegate);
                    }
                    delivery.run(casegate, "default", "delivery.concurrency=4, crm.max-concurrency=8 (defaults)");
                    long delivered = crm.count("Case") - casesBefore;
                    long logins = crm.stats().minus(before).logins();
                    results.put("casegate.logins", logins);
                    results.put("casegate.delivered", delivered);
                    results.put("casegate.loginsPer1000", delivered == 0 ? 0 : 1000.0 * logins / delivered);
                });
        int alternative = settings.deliveryAlternativeConcurrency();
        if (alternative > 0) {
            withCasegate(
                    servers,
                    "casegate-alt",
                    servers.h2("alt"),
                    Map.of(
                            "casegate.delivery.concurrency",
                            String.valueOf(alternative),
                            "casegate.crm.max-concurrency",
                            String.valueOf(alternative)),
                    casegate -> delivery.run(
                            casegate,
                            "alt",
                            "delivery.concurrency=" + alternative + ", crm.max-concurrency=" + alternative));
        }
    }

    /** Starts a Casegate for the scenario and kills it afterwards, whatever happens. */
    private static void withCasegate(
            BenchServers servers,
            String name,
            Map<String, String> database,
            Map<String, String> extraSettings,
            OnCasegate scenario)
            throws Exception {
        try (CasegateProcess casegate = servers.casegate(name, database, extraSettings)) {
            scenario.run(casegate);
        }
    }

    /** The same on a PostgreSQL database created for it and dropped afterwards. */
    private static void onFreshPostgres(BenchServers servers, String name, OnCasegate scenario) throws Exception {
        ThrowawayDatabase database = ThrowawayDatabase.create("bench");
        Results.log("PostgreSQL database " + database.name() + " created");
        try {
            withCasegate(servers, name, database.casegateSettings(), Map.of(), scenario);
        } finally {
            database.drop();
            Results.log("PostgreSQL database " + database.name() + " dropped");
        }
    }

    /**
     * bench/run's trap kills the processes listed in {@code pidFile} in case this JVM dies without
     * running its shutdown hooks (which kill the servers): this JVM's own id, and every server's as
     * the harness starts it.
     */
    private static void recordPidsFor(String pidFile) throws IOException {
        Files.writeString(
                Path.of(pidFile),
                ProcessHandle.current().pid() + "\n",
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        System.setProperty(CasegateProcess.PID_FILE_PROPERTY, pidFile);
    }
}
