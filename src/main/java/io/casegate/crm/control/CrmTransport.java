package io.casegate.crm.control;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;

import io.casegate.crm.entity.CrmUnavailableException;
import io.casegate.platform.LocalServer;

/**
 * The one owner of Casegate's HTTP connection pool towards the CRM: builds the REST client once with
 * the configured timeouts, bounds concurrent requests, and turns transport failures into
 * {@link CrmUnavailableException}. Knows nothing about sessions.
 */
@ApplicationScoped
public class CrmTransport {

    /** One exchange with the CRM, its body read whole so that the connection goes back to the pool. */
    record Exchange(int status, String contentType, Map<String, List<String>> headers, String body, long millis) {

        boolean isJson() {
            return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
        }

        /** A page for people where data was expected; an XML document (the CSDL of $metadata) is not one. */
        boolean isHtml() {
            String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
            return type.contains("html")
                    || !type.contains("xml")
                            && body != null
                            && body.stripLeading().startsWith("<");
        }

        List<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey() != null && entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream())
                    .toList();
        }
    }

    @Inject
    CrmSettings settings;

    @Inject
    LocalServer localServer;

    private Client client;
    private CrmPermits permits;

    public CrmTransport() {}

    /** Wired by hand, for tests. */
    public CrmTransport(CrmSettings settings, LocalServer localServer) {
        this.settings = settings;
        this.localServer = localServer;
    }

    @PostConstruct
    public void open() {
        client = ClientBuilder.newBuilder()
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // A redirect from the CRM means "log in again"; following it would hide that.
                .property("jersey.config.client.followRedirects", false)
                .build();
        permits = new CrmPermits(settings.maxConcurrency());
    }

    @PreDestroy
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    /** Null when no CRM is configured ({@link CrmSettings#crmConfigured()}). */
    public URI crmUrl() {
        return settings.crmUrl(localServer.baseUrl());
    }

    URI tokenUrl() {
        return settings.tokenUrl(configuredCrmUrl());
    }

    /** Every call to the CRM starts from here, so with no CRM configured nothing is ever sent anywhere. */
    private URI configuredCrmUrl() {
        URI crm = crmUrl();
        if (crm == null) {
            throw new CrmUnavailableException(
                    "No CRM is configured: set " + CrmSettings.URL_KEY + " (docs/security.md)", null);
        }
        return crm;
    }

    /** {@code path} is relative to the CRM root; query values are percent-encoded here, once. */
    URI uri(String path, Map<String, String> query) {
        String encodedQuery = query.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(configuredCrmUrl() + path + (encodedQuery.isEmpty() ? "" : "?" + encodedQuery));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * One exchange, in its turn among the requests in flight ({@link CrmPermits}): first when a
     * visitor waits for its answer.
     */
    Exchange exchangeInTurn(
            String method, URI uri, Map<String, String> headers, Entity<?> body, boolean visitorWaiting) {
        if (permits == null) {
            // Not opened: a transport that tests wire by hand and whose exchange they answer.
            return exchange(method, uri, headers, body);
        }
        try {
            permits.acquire(visitorWaiting);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CrmUnavailableException("Interrupted while waiting to call the CRM", interrupted);
        }
        try {
            return exchange(method, uri, headers, body);
        } finally {
            permits.release();
        }
    }

    Exchange exchange(String method, URI uri, Map<String, String> headers, Entity<?> body) {
        long started = System.nanoTime();
        try {
            Invocation.Builder request = client.target(uri).request();
            headers.forEach(request::header);
            try (Response response = body == null ? request.method(method) : request.method(method, body)) {
                String text = response.hasEntity() ? response.readEntity(String.class) : "";
                Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
                response.getStringHeaders().forEach(responseHeaders::put);
                return new Exchange(
                        response.getStatus(),
                        response.getHeaderString("Content-Type"),
                        responseHeaders,
                        text,
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (ProcessingException failure) {
            throw new CrmUnavailableException(
                    "The CRM at " + uri.getHost() + " could not be reached (" + method + " " + uri.getPath() + "): "
                            + rootMessage(failure),
                    failure);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
