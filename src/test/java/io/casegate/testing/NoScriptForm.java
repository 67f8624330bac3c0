package io.casegate.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The feedback form as a browser without JavaScript posts it: {@code index.xhtml} read first in a
 * session of its own (the cookie, the view state, the form's action and the first service offered),
 * the {@code feedback:*} fields filled from {@link ApiClient#validFields}, consent given, the honeypot
 * empty, the send button pressed, and the multipart body built by hand, byte for byte.
 */
public final class NoScriptForm {

    /**
     * One file part: the Content-Disposition parameters after {@code name="…"; } as raw bytes (so that
     * a test can send any encoding of a file name), the part's Content-Type and its content.
     */
    public record FilePart(byte[] parameters, String contentType, byte[] content) {

        /** A file part with {@code filename="…"} written as it is, in UTF-8. */
        public static FilePart named(String fileName, String contentType, byte[] content) {
            return new FilePart(("filename=\"" + fileName + "\"").getBytes(UTF_8), contentType, content);
        }

        /** A small PDF of the given name, typed {@code application/pdf}. */
        public static FilePart smallPdf(String fileName) {
            return named(fileName, "application/pdf", "%PDF-1.4 a small file".getBytes(UTF_8));
        }
    }

    private final HttpClient browser;
    private final CookieManager cookies;
    private final URI action;
    private final String page;
    private final Map<String, String> fields = new LinkedHashMap<>();

    private NoScriptForm(HttpClient browser, CookieManager cookies, URI action, String page) {
        this.browser = browser;
        this.cookies = cookies;
        this.action = action;
        this.page = page;
    }

    /**
     * Opens the form at {@code indexUrl} (the URI of {@code index.xhtml}) in a fresh session and fills
     * it with a valid submission; {@code tag} goes into the subject.
     */
    public static NoScriptForm open(URI indexUrl, String tag, String email, String organisation) {
        CookieManager cookies = new CookieManager();
        // HTTP/1.1, as a browser speaks to a plain-http address (browsers never upgrade to h2c).
        HttpClient browser = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String page = send(browser, HttpRequest.newBuilder(indexUrl).GET()).body();
        Matcher viewState = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
                .matcher(page);
        Matcher action =
                Pattern.compile("<form id=\"feedback\"[^>]*action=\"([^\"]+)\"").matcher(page);
        Matcher service = Pattern.compile("<option value=\"([^\"]+)\"").matcher(page);
        assertTrue(viewState.find() && action.find() && service.find(), page);
        NoScriptForm form = new NoScriptForm(
                browser, cookies, indexUrl.resolve(action.group(1).replace("&amp;", "&")), page);
        form.fields.put("feedback", "feedback");
        ApiClient.validFields(tag, email, organisation).forEach((name, value) -> {
            if (!name.equals("consent") && !name.equals("service")) {
                form.fields.put("feedback:" + name, value);
            }
        });
        form.fields.put("feedback:service", service.group(1));
        form.fields.put("feedback:consent", "on");
        form.fields.put("feedback:website", "");
        form.fields.put("feedback:send", "Отправить");
        form.fields.put("jakarta.faces.ViewState", viewState.group(1).replace("&#58;", ":"));
        return form;
    }

    /** The form's fields as they will be posted, in order; a test may change, add or remove any. */
    public Map<String, String> fields() {
        return fields;
    }

    /** The page the form was read from. */
    public String page() {
        return page;
    }

    /** Where the form posts to (with the session in its path when the container wrote it there). */
    public URI action() {
        return action;
    }

    /** The session's cookies as a {@code Cookie} header, for a request sent another way (a raw socket). */
    public String cookieHeader() {
        return cookies.getCookieStore().getCookies().stream()
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
    }

    /** Posts the form with {@code files} in its file field. */
    public HttpResponse<String> post(List<FilePart> files) {
        return post(files, Map.of());
    }

    /** The same with extra request headers (e.g. {@code X-Forwarded-For}). */
    public HttpResponse<String> post(List<FilePart> files, Map<String, String> headers) {
        String boundary =
                "----WebKitFormBoundary" + UUID.randomUUID().toString().replace("-", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(action)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, fields, "feedback:files", files)));
        headers.forEach(request::header);
        return send(browser, request);
    }

    /** A multipart/form-data body: the text fields in order, then one part in {@code fileField} per file. */
    public static byte[] multipart(
            String boundary, Map<String, String> fields, String fileField, List<FilePart> files) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((field, value) -> body.writeBytes(("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(UTF_8)));
        for (FilePart file : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; ")
                    .getBytes(UTF_8));
            body.writeBytes(file.parameters());
            body.writeBytes(("\r\nContent-Type: " + file.contentType() + "\r\n\r\n").getBytes(US_ASCII));
            body.writeBytes(file.content());
            body.writeBytes("\r\n".getBytes(US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(US_ASCII));
        return body.toByteArray();
    }

    /** Sends a request with a minute's timeout, as a browser would wait for a slow page. */
    public static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(
                    request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
