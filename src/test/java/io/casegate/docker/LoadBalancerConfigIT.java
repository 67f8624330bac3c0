package io.casegate.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.sun.net.httpserver.HttpServer;

import io.casegate.testing.CasegateProcess;

/**
 * docker/haproxy.cfg run by a real HAProxy on 127.0.0.1 (the file as it is, only its listening
 * address and its two servers moved to loopback ports), in front of two recording HTTP servers:
 * every spelling of /metrics, /health and /sandbox that a servlet container would read as those
 * paths is refused by the balancer and never reaches a node; the form and the API do reach it, and
 * the health checks carry the monitoring token. Skipped where no haproxy is installed (CI installs
 * Debian's package: .ci/run).
 */
class LoadBalancerConfigIT {

    static final String TOKEN = "lb-test-token-0123456789abcdef";

    static Process haproxy;
    static HttpServer nodeA;
    static HttpServer nodeB;
    static int port;
    static final Queue<String> reached = new ConcurrentLinkedQueue<>();
    static final Queue<String> checks = new ConcurrentLinkedQueue<>();
    static Path log;

    @BeforeAll
    static void start() throws Exception {
        Path binary = List.of(
                        Path.of("/usr/sbin/haproxy"), Path.of("/usr/bin/haproxy"), Path.of("/usr/local/sbin/haproxy"))
                .stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        assumeTrue(binary != null, "no haproxy installed: the load balancer's rules were not run");
        nodeA = node();
        nodeB = node();
        port = CasegateProcess.freePort();
        String config = Files.readString(Path.of("docker", "haproxy.cfg"));
        String local = config.replace("bind :8080", "bind 127.0.0.1:" + port)
                .replace("casegate-a:8080", "127.0.0.1:" + nodeA.getAddress().getPort())
                .replace("casegate-b:8080", "127.0.0.1:" + nodeB.getAddress().getPort())
                .replace("inter 5s", "inter 500ms");
        assertTrue(local.contains("bind 127.0.0.1:" + port) && !local.contains("casegate-a:8080"), local);
        Path dir = Files.createDirectories(Path.of("target", "it-haproxy"));
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, local);
        log = dir.resolve("haproxy.log");
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-db", "-f", file.toString());
        builder.environment().put("CASEGATE_MONITORING_TOKEN", TOKEN);
        haproxy = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(haproxy.isAlive(), "haproxy exited: " + Files.readString(log));
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                break;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        // Both nodes UP (rise 2) before the requests: else HAProxy answers 503 for want of a server.
        deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && request("GET / HTTP/1.1").status() != 200) {
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (haproxy != null) {
            haproxy.destroy();
            if (!haproxy.waitFor(5, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly();
            }
        }
        if (nodeA != null) {
            nodeA.stop(0);
        }
        if (nodeB != null) {
            nodeB.stop(0);
        }
    }

    @Test
    void everySpellingOfTheClosedPathsIsRefusedBeforeANode() {
        List<String> targets = List.of(
                "/metrics",
                "//metrics",
                "/metrics/",
                "/%6detrics",
                "/%6Detrics",
                "/%256detrics",
                "/./metrics",
                "/casegate/../metrics",
                "/casegate/%2e%2e/metrics",
                "/%2e/metrics",
                "/METRICS",
                "/Metrics?x=1",
                "/metrics;jsessionid=1",
                "/x/..;/metrics",
                "/metrics%3bx",
                "/metrics%00",
                "/health/ready",
                "/health",
                "//health//live",
                "/./health/./ready",
                "/Health/Ready",
                "/h%65alth/ready",
                "/sandbox/0/ServiceModel/AuthService.svc/Login",
                "/sandbox;x/",
                "/api/../sandbox/",
                "http://127.0.0.1/metrics",
                "http://127.0.0.1//health/ready");
        for (String target : targets) {
            reached.clear();
            Answer answer = request("GET " + target + " HTTP/1.1");
            assertTrue(answer.status() == 404 || answer.status() == 400, target + " → " + answer.status());
            assertEquals(List.of(), List.copyOf(reached), target + " reached a node");
        }
    }

    @Test
    void theFormTheApiAndItsDocumentReachANodeNormalised() {
        for (String target : List.of(
                "/", "/index.xhtml", "/api/v1/submissions/WEB-2026-000001", "/api/openapi.yaml", "/status.xhtml")) {
            reached.clear();
            Answer answer = request("GET " + target + " HTTP/1.1");
            assertEquals(200, answer.status(), target);
            assertEquals(List.of(target), List.copyOf(reached), target);
        }
        reached.clear();
        assertEquals(
                200,
                request("GET /api//v1/./submissions/x/../WEB-2026-000001 HTTP/1.1")
                        .status());
        assertEquals(List.of("/api/v1/submissions/WEB-2026-000001"), List.copyOf(reached), "normalised on the way");
    }

    @Test
    void theHealthChecksSendTheMonitoringToken() throws InterruptedException {
        // HAProxy checks each node every 5 s from its start; this test may run before the second one's turn.
        for (long deadline = System.nanoTime() + 15_000_000_000L; checks.size() < 2 && System.nanoTime() < deadline; ) {
            Thread.sleep(100);
        }
        assertTrue(checks.size() >= 2, "health checks seen: " + checks.size());
        assertTrue(checks.stream().allMatch(("/health/ready Bearer " + TOKEN)::equals), checks.toString());
    }

    record Answer(int status, String head) {}

    /** One request on its own connection, the request line exactly as given. */
    static Answer request(String requestLine) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: support.example.ru\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            String[] statusLine = head.split("\r\n", 2)[0].split(" ");
            return new Answer(statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : 0, head);
        } catch (IOException e) {
            return new Answer(0, e.toString());
        }
    }

    /** A node that answers 200 to everything and records the raw path of what it was asked, and by whom. */
    static HttpServer node() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            // The balancer's own checks name no host; the requests of these tests do.
            if (exchange.getRequestHeaders().getFirst("Host") == null) {
                checks.add(path + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            } else {
                reached.add(path);
            }
            byte[] body = "node".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
