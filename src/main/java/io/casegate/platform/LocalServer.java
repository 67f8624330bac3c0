package io.casegate.platform;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where this Casegate can be reached from the machine it runs on: {@code http://127.0.0.1:PORT/CONTEXT}.
 * <p>
 * Payara chooses the port at start (tests use random ports) and nothing at deploy time tells it,
 * so the first request the application serves teaches it ({@link LocalServerListener}). Until then
 * the configured {@code casegate.http.port} is assumed.
 */
@ApplicationScoped
public class LocalServer {

    private final AtomicReference<URI> learned = new AtomicReference<>();

    @Inject
    @ConfigProperty(name = "casegate.http.port", defaultValue = "8080")
    int configuredPort;

    private volatile String contextPath = "";

    /** The base URL without a trailing slash. */
    public URI baseUrl() {
        URI known = learned.get();
        return known != null ? known : of(configuredPort, contextPath);
    }

    public Optional<URI> learnedBaseUrl() {
        return Optional.ofNullable(learned.get());
    }

    void contextPath(String path) {
        contextPath = path == null ? "" : path;
    }

    void learn(int port, String path) {
        if (learned.get() == null && port > 0) {
            learned.compareAndSet(null, of(port, path == null ? contextPath : path));
        }
    }

    private static URI of(int port, String contextPath) {
        return URI.create("http://127.0.0.1:" + port + contextPath);
    }
}
