package io.casegate.sandbox.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One call to the imitated CRM, detached from the servlet API so that {@code $batch} sub-requests
 * travel through the same code as real ones.
 */
public final class CrmRequest {

    private static final long DRAIN_LIMIT = 256L * 1024 * 1024;

    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, String> query;
    private final Map<String, String> headers;
    private final Map<String, String> cookies;
    private final String applicationUrl;
    private final String applicationPath;
    private InputStream bodyStream;
    private final long declaredLength;
    private byte[] body;

    public CrmRequest(
            String method,
            String path,
            String rawQuery,
            Map<String, String> headers,
            Map<String, String> cookies,
            String applicationUrl,
            String applicationPath,
            InputStream bodyStream,
            long declaredLength,
            byte[] body) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.path = path.isEmpty() ? "/" : path;
        this.rawQuery = rawQuery;
        this.query = parseQuery(rawQuery);
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        this.headers = Collections.unmodifiableMap(caseInsensitive);
        this.cookies = Map.copyOf(cookies);
        this.applicationUrl = applicationUrl;
        this.applicationPath = applicationPath;
        this.bodyStream = bodyStream;
        this.declaredLength = declaredLength;
        this.body = body;
    }

    /** A sub-request of a batch: same caller, same application, its own method, URL and body. */
    public CrmRequest derive(
            String method, String path, String rawQuery, Map<String, String> extraHeaders, byte[] body) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(extraHeaders);
        return new CrmRequest(
                method, path, rawQuery, merged, cookies, applicationUrl, applicationPath, null, body.length, body);
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SandboxException.badRequest("The query string is not correctly percent-encoded: " + text);
        }
    }

    /** The body, read at most once and never beyond {@code limit} bytes (413 beyond it). */
    public byte[] body(long limit) {
        if (body != null) {
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        }
        if (declaredLength > limit) {
            drainRest();
            throw tooLarge(limit);
        }
        if (bodyStream == null) {
            body = new byte[0];
            return body;
        }
        try (InputStream in = bodyStream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : 8192);
            byte[] buffer = new byte[65536];
            long total = 0;
            int read;
            while ((read = in.read(buffer)) != -1) {
                total += read;
                if (total > limit) {
                    drainRest();
                    throw tooLarge(limit);
                }
                out.write(buffer, 0, read);
            }
            body = out.toByteArray();
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            bodyStream = null;
        }
    }

    /** Called once the answer is known: an unread body must not break the client's connection. */
    public void discardUnreadBody() {
        drainRest();
        bodyStream = null;
    }

    /**
     * Reads and discards what is left of an unread or oversized body (up to {@value #DRAIN_LIMIT} bytes), so
     * that clients which only read the answer after sending everything (java.net.http among them) get
     * the 413 instead of a broken connection. Beyond that the connection is closed.
     */
    private void drainRest() {
        if (bodyStream == null) {
            return;
        }
        try {
            byte[] buffer = new byte[65536];
            long drained = 0;
            int read;
            while (drained < DRAIN_LIMIT && (read = bodyStream.read(buffer)) != -1) {
                drained += read;
            }
        } catch (IOException e) {
            // the client gave up sending; the 413 goes out regardless
        }
    }

    private static SandboxException tooLarge(long limit) {
        return new SandboxException(413, "The request body exceeds the limit of " + limit + " bytes.");
    }

    public String method() {
        return method;
    }

    /** The path below the sandbox's mount point, e.g. {@code /0/odata/Contact}. */
    public String path() {
        return path;
    }

    public String rawQuery() {
        return rawQuery;
    }

    public Map<String, String> query() {
        return query;
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    /** Absolute URL of the sandbox's mount point, e.g. {@code http://127.0.0.1:8080/sandbox}. */
    public String applicationUrl() {
        return applicationUrl;
    }

    /** The path that the CRM's own cookies are scoped to, e.g. {@code /sandbox}. */
    public String applicationPath() {
        return applicationPath;
    }

    public boolean isModifying() {
        return switch (method) {
            case "POST", "PUT", "PATCH", "DELETE", "MERGE" -> true;
            default -> false;
        };
    }
}
