package io.casegate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The packaged WAR in a Payara Micro of its own, as a plain operating-system process, so that a
 * test can kill it (SIGKILL) and start it again on the same data. Always on 127.0.0.1, always
 * with Hazelcast off; every process still running when the test JVM ends is killed.
 *
 * <p>Two system properties serve a caller that runs longer than a test (the benchmark, bench/run):
 * {@value #LOGS_DIRECTORY_PROPERTY} puts the logs elsewhere than {@code target/it-logs}, and
 * {@value #PID_FILE_PROPERTY} names a file to which every started process's id is appended, so that
 * the script that started this JVM can still kill them if the JVM dies without its shutdown hooks.
 */
public final class CasegateProcess implements AutoCloseable {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Duration BOOT_TIMEOUT =
            Duration.ofSeconds(Long.getLong("casegate.it.boot-timeout-seconds", 300));
    /** The heap of a Casegate under test, unless the caller gives other JVM options. */
    private static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx512m");

    public static final String LOGS_DIRECTORY_PROPERTY = "casegate.it.logs-dir";
    public static final String PID_FILE_PROPERTY = "casegate.it.pid-file";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    private final String name;
    private final String contextRoot;
    private final Map<String, String> properties;
    private final int port;
    private final String war;
    private final List<String> jvmOptions;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> microOptions = new ArrayList<>();
    private Process process;
    private Path log;
    private int starts;

    private CasegateProcess(String name, String contextRoot, Map<String, String> properties, String war) {
        this(name, contextRoot, properties, war, DEFAULT_JVM_OPTIONS);
    }

    private CasegateProcess(
            String name, String contextRoot, Map<String, String> properties, String war, List<String> jvmOptions) {
        this.name = name;
        this.war = war;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.contextRoot = contextRoot;
        this.properties = new LinkedHashMap<>(properties);
        this.port = freePort();
    }

    /** Starts a process and waits until {@code readyPath} (relative to the context root) answers 200. */
    public static CasegateProcess start(
            String name, String contextRoot, Map<String, String> properties, String readyPath) {
        return start(
                name, contextRoot, properties, readyPath, System.getProperty("casegate.war", "target/casegate.war"));
    }

    /** The same with another WAR, e.g. the packaged one plus test-only classes. */
    public static CasegateProcess start(
            String name, String contextRoot, Map<String, String> properties, String readyPath, String war) {
        CasegateProcess server = new CasegateProcess(name, contextRoot, properties, war);
        server.startAgain(readyPath);
        return server;
    }

    /**
     * The same with environment variables too, as an operator sets them (e.g.
     * {@code CASEGATE_CRM_ACCOUNT_INN_COLUMN=none}): MicroProfile Config reads them with other rules
     * than system properties (an empty value is missing; names are mapped to keys).
     */
    public static CasegateProcess startWithEnvironment(
            String name,
            String contextRoot,
            Map<String, String> properties,
            Map<String, String> environment,
            String readyPath) {
        CasegateProcess server = new CasegateProcess(
                name, contextRoot, properties, System.getProperty("casegate.war", "target/casegate.war"));
        server.environment.putAll(environment);
        server.startAgain(readyPath);
        return server;
    }

    /**
     * Starts a process that is not expected to become ready (a wrong setting, say) and returns once
     * Payara Micro has finished starting, with or without the application: its log then says
     * "Payara Micro … ready in". The caller asserts what the server answers and logs.
     */
    public static CasegateProcess startExpectingNoReadiness(
            String name, String contextRoot, Map<String, String> properties, Map<String, String> environment) {
        CasegateProcess server = new CasegateProcess(
                name, contextRoot, properties, System.getProperty("casegate.war", "target/casegate.war"));
        server.environment.putAll(environment);
        server.boot(null);
        return server;
    }

    /** The same with other JVM options than the default heap of 512 MB (e.g. {@code -Xmx1g}); they replace it. */
    public static CasegateProcess start(
            String name,
            String contextRoot,
            Map<String, String> properties,
            String readyPath,
            List<String> jvmOptions) {
        CasegateProcess server = new CasegateProcess(
                name, contextRoot, properties, System.getProperty("casegate.war", "target/casegate.war"), jvmOptions);
        server.startAgain(readyPath);
        return server;
    }

    /**
     * The same with more Payara Micro options after the usual ones, as an operator adds them (e.g.
     * {@code --postbootcommandfile} with the server's own JDBC resource and {@code --addlibs} with its driver).
     */
    public static CasegateProcess startWithMicroOptions(
            String name, String contextRoot, Map<String, String> properties, String readyPath, List<String> options) {
        CasegateProcess server = new CasegateProcess(
                name, contextRoot, properties, System.getProperty("casegate.war", "target/casegate.war"));
        server.microOptions.addAll(options);
        server.startAgain(readyPath);
        return server;
    }

    /** The sandbox CRM alone, in a process of its own: the CRM that separately started Casegate nodes deliver to. */
    public static CasegateProcess startSandbox(String name) {
        return startSandbox(name, DEFAULT_JVM_OPTIONS);
    }

    /** The same with other JVM options, e.g. a larger heap for a sandbox that holds many cases. */
    public static CasegateProcess startSandbox(String name, List<String> jvmOptions) {
        return start(
                name,
                "sandboxhost",
                Map.of(
                        "casegate.sandbox.enabled",
                        "true",
                        "casegate.data.dir",
                        "target/it-data/" + name + "-" + UUID.randomUUID()),
                "sandbox/_stats",
                jvmOptions);
    }

    /** The settings that point a Casegate at this process's sandbox CRM (as its default user), its own sandbox off. */
    public Map<String, String> crmSettings() {
        return Map.of(
                "casegate.crm.url",
                url("sandbox").toString(),
                "casegate.crm.username",
                "Supervisor",
                "casegate.crm.password",
                "Supervisor",
                "casegate.sandbox.enabled",
                "false");
    }

    /**
     * Starts the process (again, after {@link #kill()}) on the same port, data and settings. Payara
     * Micro's own kernel sometimes fails to boot (an HK2 race among its services, before any
     * application is deployed: "MultiException ... ConcurrentModificationException"); such a boot
     * is tried once more, and said so on the test output. Any other failure to start is the test's.
     */
    public void startAgain(String readyPath) {
        try {
            boot(readyPath);
        } catch (ExitedWhileStarting exited) {
            if (!payaraKernelFailedToBoot()) {
                throw exited;
            }
            System.err.println(
                    name + ": Payara Micro's kernel failed to boot (see " + log + "); starting it once more");
            boot(readyPath);
        }
    }

    /** The process ended during its start. */
    static final class ExitedWhileStarting extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ExitedWhileStarting(String message) {
            super(message);
        }
    }

    private boolean payaraKernelFailedToBoot() {
        try {
            String text = Files.readString(log);
            return text.contains("MultiException stack")
                    && text.contains("RunLevelControllerThread")
                    && !text.contains("Deployed ");
        } catch (IOException unreadable) {
            return false;
        }
    }

    private void boot(String readyPath) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        starts++;
        try {
            Path logs = Files.createDirectories(Path.of(System.getProperty(LOGS_DIRECTORY_PROPERTY, "target/it-logs")));
            Path roots = Files.createDirectories(Path.of("target", "it-payara"));
            log = logs.resolve(name + "-" + starts + ".log");
            Path rootDir = Files.createTempDirectory(roots, name + "-" + starts + "-");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-Djava.net.preferIPv4Stack=true");
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of(
                    "-jar",
                    System.getProperty("payara.microJar", "target/payara-micro.jar"),
                    "--nohazelcast",
                    "--prebootcommandfile",
                    "src/main/payara/preboot.txt",
                    "--rootdir",
                    rootDir.toString(),
                    "--port",
                    String.valueOf(port),
                    "--deploy",
                    war,
                    "--contextroot",
                    contextRoot));
            command.addAll(microOptions);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = builder.redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            RUNNING.add(process);
            recordPid();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (readyPath == null) {
            awaitStarted();
        } else {
            awaitReady(readyPath);
        }
    }

    private void awaitStarted() {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (Files.readString(log).matches("(?s).*Payara Micro [^\\n]* ready in .*")) {
                    return;
                }
            } catch (IOException notYet) {
                // The log is being written.
            }
            sleep(Duration.ofMillis(500));
        }
        if (process.isAlive()) {
            kill();
            throw new IllegalStateException(name + " did not finish starting within " + BOOT_TIMEOUT + "; see " + log);
        }
    }

    private void recordPid() throws IOException {
        String pidFile = System.getProperty(PID_FILE_PROPERTY);
        if (pidFile != null) {
            Files.writeString(
                    Path.of(pidFile), process.pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private void awaitReady(String readyPath) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ExitedWhileStarting(
                        name + " exited with " + process.exitValue() + " while starting; see " + log);
            }
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(url(readyPath))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(500));
        }
        kill();
        throw new IllegalStateException(name + " did not start within " + BOOT_TIMEOUT + "; see " + log);
    }

    /** SIGKILL: no shutdown hooks, no graceful undeploy, exactly as a crash. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            RUNNING.remove(process);
        }
    }

    @Override
    public void close() {
        kill();
    }

    /** The context root that deploys Casegate as the server's root application (as the container image does). */
    public static final String ROOT = "/";

    /** http://127.0.0.1:port/contextRoot/ (http://127.0.0.1:port/ for {@link #ROOT}) */
    public URI base() {
        return URI.create("http://127.0.0.1:" + port + "/" + (ROOT.equals(contextRoot) ? "" : contextRoot + "/"));
    }

    /** A URL at the server's root, outside the context root, such as Payara's {@code /health/ready}. */
    public URI serverUrl(String path) {
        return URI.create("http://127.0.0.1:" + port + "/").resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public URI url(String path) {
        return base().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public Path log() {
        return log;
    }

    /** The operating system's id of the running process, for tools such as jcmd, jstat or /proc. */
    public long pid() {
        return process.pid();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
