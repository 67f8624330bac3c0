package io.casegate.feedback.boundary;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.casegate.platform.BrowserHardeningFilter;
import io.casegate.platform.Jsonp;

/**
 * The optional CAPTCHA on the form: Yandex SmartCaptcha, off by default (docs/security.md,
 * "CAPTCHA"). The widget puts a one-time token into the form's hidden {@code smart-token}; before a
 * submission is accepted, the token is verified by the service ({@code POST} of {@code secret},
 * {@code token} and {@code ip} to {@code casegate.captcha.verify-url}, which answers
 * {@code {"status":"ok"}} or {@code {"status":"failed","message":...}}).
 * <p>
 * Fails closed: when the service cannot be asked (down, slow, an answer other than 200 with JSON),
 * the submission is not accepted and the visitor is told to send it again in a minute; the input
 * stays in the form. Nothing is stored that the visitor believes sent. The REST API (server to
 * server, with an API key) is not asked for a CAPTCHA.
 */
@Named
@ApplicationScoped
public class Captcha {

    /** The form field that the widget fills with its token. */
    public static final String TOKEN_FIELD = "smart-token";

    private static final Logger LOG = Logger.getLogger(Captcha.class.getName());

    /** What the verification says, and the text the visitor reads when it is not {@link #PASSED}. */
    public enum Verdict {
        PASSED(null),
        MISSING("captcha.missing"),
        FAILED("captcha.failed"),
        UNAVAILABLE("captcha.unavailable");

        private final String messageKey;

        Verdict(String messageKey) {
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    @Inject
    @ConfigProperty(name = BrowserHardeningFilter.CAPTCHA_ENABLED, defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "casegate.captcha.site-key")
    Optional<String> siteKey;

    @Inject
    @ConfigProperty(name = "casegate.captcha.server-key")
    Optional<String> serverKey;

    @Inject
    @ConfigProperty(
            name = "casegate.captcha.verify-url",
            defaultValue = "https://smartcaptcha.yandexcloud.net/validate")
    String verifyUrl;

    @Inject
    @ConfigProperty(
            name = BrowserHardeningFilter.CAPTCHA_SCRIPT_URL,
            defaultValue = BrowserHardeningFilter.DEFAULT_CAPTCHA_SCRIPT_URL)
    String scriptUrl;

    @Inject
    @ConfigProperty(name = "casegate.captcha.timeout", defaultValue = "5s")
    Duration timeout;

    private HttpClient http;

    @PostConstruct
    void connect() {
        http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public boolean isEnabled() {
        return enabled;
    }

    public String getSiteKey() {
        return siteKey.orElse("");
    }

    public String getScriptUrl() {
        return scriptUrl;
    }

    /** The verdict on the token the visitor's browser sent; {@link Verdict#PASSED} when the CAPTCHA is off. */
    public Verdict verify(String token, String clientAddress) {
        if (!enabled) {
            return Verdict.PASSED;
        }
        if (token == null || token.isBlank()) {
            return Verdict.MISSING;
        }
        String form = "secret=" + encode(serverKey.orElse("")) + "&token=" + encode(token.strip())
                + (clientAddress == null ? "" : "&ip=" + encode(clientAddress));
        HttpRequest request = HttpRequest.newBuilder(URI.create(verifyUrl))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> answer =
                    http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (answer.statusCode() != 200) {
                LOG.warning("The CAPTCHA verification service answered HTTP " + answer.statusCode()
                        + ": the submission was not accepted (the visitor is asked to send it again)");
                return Verdict.UNAVAILABLE;
            }
            JsonObject verdict;
            try (JsonReader reader = Jsonp.JSON.createReader(new StringReader(answer.body()))) {
                verdict = reader.readObject();
            }
            if ("ok".equals(verdict.getString("status", ""))) {
                return Verdict.PASSED;
            }
            LOG.info("The CAPTCHA verification refused a token: " + verdict.getString("message", ""));
            return Verdict.FAILED;
        } catch (IOException | JsonException | ClassCastException unreachable) {
            LOG.warning("The CAPTCHA verification service could not be asked ("
                    + unreachable.getClass().getSimpleName()
                    + "): the submission was not accepted (the visitor is asked to send it again)");
            return Verdict.UNAVAILABLE;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Verdict.UNAVAILABLE;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
