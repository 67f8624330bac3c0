package io.casegate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript, for Faces pages that need none: keeps cookies, follows no
 * redirect by itself (tests assert them), and sends the page it came from as Referer, as a
 * browser does. Reads what it needs from the HTML with small regular expressions.
 */
public final class PlainBrowser {

    /** One page: status, where a redirect points, and the body. */
    public record Page(int status, URI uri, String location, String body) {

        /** The body as a person reads it: tags removed, whitespace collapsed. */
        public String text() {
            return body.replaceAll("(?s)<[^>]*>", " ").replace("&nbsp;", " ").replaceAll("\\s+", " ");
        }

        /** The text of the element with this id (its inner HTML without tags). */
        public Optional<String> textOf(String id) {
            Matcher m = Pattern.compile("(?s)id=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</")
                    .matcher(body);
            return m.find()
                    ? Optional.of(m.group(1)
                            .replaceAll("(?s)<[^>]*>", " ")
                            .replaceAll("\\s+", " ")
                            .strip())
                    : Optional.empty();
        }

        /** The first link whose href contains {@code part}, resolved against this page. */
        public Optional<URI> link(String part) {
            return links(part).stream().findFirst();
        }

        /** Every link whose href contains {@code part}, resolved against this page, in page order. */
        public List<URI> links(String part) {
            Matcher m = Pattern.compile("href=\"([^\"]*" + Pattern.quote(part) + "[^\"]*)\"")
                    .matcher(body);
            List<URI> links = new ArrayList<>();
            while (m.find()) {
                links.add(uri.resolve(m.group(1).replace("&amp;", "&")));
            }
            return links;
        }

        /** The value of the hidden Faces view state of the form. */
        public Optional<String> viewState() {
            Matcher m = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]*)\"")
                    .matcher(body);
            return m.find() ? Optional.of(m.group(1).replace("&amp;", "&")) : Optional.empty();
        }

        /** Where the form with this id posts to. */
        public Optional<URI> formAction(String formId) {
            Matcher m = Pattern.compile("<form id=\"" + Pattern.quote(formId) + "\"[^>]*action=\"([^\"]*)\"")
                    .matcher(body);
            return m.find() ? Optional.of(uri.resolve(m.group(1).replace("&amp;", "&"))) : Optional.empty();
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private URI lastPage;

    public Page get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    /** A form POST (application/x-www-form-urlencoded). */
    public Page post(URI uri, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Follows a redirect answer (one step), as a browser would with a GET. */
    public Page follow(Page redirect) {
        if (redirect.location() == null) {
            throw new IllegalStateException("Not a redirect: " + redirect.status() + " " + redirect.uri());
        }
        return get(redirect.uri().resolve(redirect.location()));
    }

    /**
     * Signs in through the form login: opens {@code protectedPage} (which sends to the login page),
     * posts the login form, and returns the answer to the login (a redirect).
     */
    public Page signIn(URI protectedPage, String name, String password) {
        Page toLogin = get(protectedPage);
        Page login = follow(toLogin);
        URI action = login.formAction("admin-login")
                .orElseThrow(() -> new IllegalStateException("No login form: " + login.text()));
        return post(action, Map.of("j_username", name, "j_password", password));
    }

    private Page send(HttpRequest.Builder request) {
        if (lastPage != null) {
            request.header("Referer", lastPage.toString());
        }
        HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
        try {
            HttpResponse<String> response =
                    http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 200) {
                lastPage = built.uri();
            }
            return new Page(
                    response.statusCode(),
                    built.uri(),
                    response.headers().firstValue("Location").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
