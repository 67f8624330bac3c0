package io.casegate.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.casegate.testing.ApiClient;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.SandboxCrm;

/**
 * The servers the scenarios drive, each a {@link CasegateProcess} of the test harness (a Payara
 * Micro of its own on 127.0.0.1, Hazelcast off): one sandbox CRM with a network's latency for the
 * whole run, and Casegates pointed at it, each started on a fresh database for one or more scenarios.
 */
final class BenchServers implements AutoCloseable {

    static final String API_KEY = "bench-key";
    /** The sandbox holds every case of the run; Casegate gets the harness's default of 512 MB. */
    private static final List<String> SANDBOX_JVM = List.of("-Xmx1g");

    private final Path work;
    private final CasegateProcess sandbox;
    private final SandboxCrm crm;

    private BenchServers(Path work, CasegateProcess sandbox) {
        this.work = work;
        this.sandbox = sandbox;
        this.crm = new SandboxCrm(sandbox.url("sandbox"));
    }

    /** Starts the sandbox CRM with {@code latencyMs} on every CRM call, like a real CRM across a network. */
    static BenchServers start(Path work, int latencyMs) {
        Results.log("starting the sandbox CRM");
        BenchServers servers = new BenchServers(work, CasegateProcess.startSandbox("sandbox", SANDBOX_JVM));
        Results.log("sandbox is up on " + servers.sandbox.base() + " (log " + servers.sandbox.log() + ")");
        servers.crm.faults("{\"latencyMs\":" + latencyMs + "}");
        return servers;
    }

    /** The bench's own view of the sandbox: counters and the number of cases. */
    SandboxCrm crm() {
        return crm;
    }

    /** A Casegate on {@code database}, delivering to the sandbox, with an API key and the data directory of its own. */
    CasegateProcess casegate(String name, Map<String, String> database, Map<String, String> extraSettings) {
        Map<String, String> settings = new LinkedHashMap<>(database);
        settings.put("casegate.data.dir", work.resolve(name + "-data").toString());
        settings.putAll(sandbox.crmSettings());
        settings.put("casegate.api.keys", API_KEY);
        settings.put("casegate.attachments.retention", "P7D");
        settings.putAll(extraSettings);
        Results.log("starting " + name);
        CasegateProcess casegate = CasegateProcess.start(name, "casegate", settings, "index.xhtml");
        Results.log(name + " is up on " + casegate.base() + " (log " + casegate.log() + ")");
        return casegate;
    }

    /** A fresh embedded H2 database of its own, under the run's directory. */
    Map<String, String> h2(String name) {
        return Map.of(
                "casegate.db.url",
                "jdbc:h2:file:" + work.toAbsolutePath().resolve(name + "-db/casegate") + ";WRITE_DELAY=0");
    }

    static ApiClient api(CasegateProcess casegate) {
        return new ApiClient(casegate.url("api/"), API_KEY, Traffic.HTTP);
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
