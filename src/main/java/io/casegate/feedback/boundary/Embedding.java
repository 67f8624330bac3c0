package io.casegate.feedback.boundary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.casegate.platform.BrowserHardeningFilter;

/**
 * The form inside another site's page (docs/form.md, "Embedding"): the pages that may frame it
 * ({@code casegate.http.frame-ancestors}, which the Content-Security-Policy enforces) are the only
 * ones embedded.js in the frame posts its height and the {@code casegate:submitted} event to; and
 * the site's own thank-you page ({@code casegate.form.success-redirect}), which the visitor is sent to
 * with the reference and the case number instead of seeing the success dialog.
 */
@Named
@ApplicationScoped
public class Embedding {

    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "casegate.form.success-redirect")
    Optional<String> successRedirect;

    /** The CSP sources of the pages that may frame the form, e.g. {@code 'self' https://www.example.ru}. */
    public String getParentOrigins() {
        return BrowserHardeningFilter.frameAncestors(config);
    }

    /**
     * The site's thank-you page with {@code reference} and {@code number} (empty while the CRM has
     * not given it) as query parameters; empty when none is configured.
     */
    public String successRedirect(String reference, String number) {
        return successRedirect
                .map(String::strip)
                .filter(url -> !url.isEmpty())
                .map(url -> url + (url.contains("?") ? "&" : "?") + "reference=" + encode(reference) + "&number="
                        + encode(number))
                .orElse("");
    }

    private static String encode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
