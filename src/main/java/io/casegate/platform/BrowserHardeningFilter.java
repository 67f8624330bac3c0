package io.casegate.platform;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The browser-facing headers of every response (issue 14), set before the page or resource is
 * produced so that error pages and static resources carry them too. Our pages need no inline script
 * or style: the form's ajax is started by form.js (not by Mojarra's inline {@code onclick}), so the
 * policy allows scripts and styles from this origin only. docs/security.md explains each header.
 */
public class BrowserHardeningFilter implements Filter {

    static final String FRAME_ANCESTORS = "casegate.http.frame-ancestors";
    static final String DEFAULT_FRAME_ANCESTORS = "'self'";

    private String contentSecurityPolicy;
    private String frameOptions;

    /** The optional CAPTCHA's widget (feedback's {@code Captcha}): its origin is allowed by the policy when it is on. */
    public static final String CAPTCHA_ENABLED = "casegate.captcha.enabled";

    public static final String CAPTCHA_SCRIPT_URL = "casegate.captcha.script-url";
    public static final String DEFAULT_CAPTCHA_SCRIPT_URL = "https://smartcaptcha.yandexcloud.net/captcha.js";

    @Override
    public void init(FilterConfig config) {
        Config configuration = ConfigProvider.getConfig();
        String ancestors = frameAncestors(configuration);
        String widget =
                configuration.getOptionalValue(CAPTCHA_ENABLED, Boolean.class).orElse(false)
                        ? " "
                                + origin(configuration
                                        .getOptionalValue(CAPTCHA_SCRIPT_URL, String.class)
                                        .orElse(DEFAULT_CAPTCHA_SCRIPT_URL))
                        : "";
        contentSecurityPolicy = "default-src 'self'; script-src 'self'" + widget + "; style-src 'self'" + widget
                + "; img-src 'self' data:" + widget + ";" + " connect-src 'self'" + widget + "; frame-src 'self'"
                + widget + "; object-src 'none'; base-uri 'self'; form-action 'self';" + " frame-ancestors "
                + ancestors;
        // X-Frame-Options knows only one origin: browsers that read frame-ancestors ignore it, older
        // ones get the safe answer unless embedding elsewhere was configured (then it is left out).
        frameOptions = DEFAULT_FRAME_ANCESTORS.equals(ancestors) ? "SAMEORIGIN" : null;
    }

    /** The sources of {@code casegate.http.frame-ancestors}: the pages that may show Casegate's in a frame. */
    public static String frameAncestors(Config configuration) {
        return configuration
                .getOptionalValue(FRAME_ANCESTORS, String.class)
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .orElse(DEFAULT_FRAME_ANCESTORS);
    }

    /** {@code https://host[:port]} of a URL, for a CSP source. */
    private static String origin(String url) {
        URI uri = URI.create(url.strip());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response instanceof HttpServletResponse http) {
            http.setHeader("Content-Security-Policy", contentSecurityPolicy);
            if (frameOptions != null) {
                http.setHeader("X-Frame-Options", frameOptions);
            }
            http.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
            http.setHeader("X-Content-Type-Options", "nosniff");
        }
        chain.doFilter(request, response);
    }

    /** The session's lifetime and its cookie's Secure flag, from the configuration, at start. */
    static void configureSessions(ServletContext context) {
        Config config = ConfigProvider.getConfig();
        Duration timeout =
                config.getOptionalValue(SESSION_TIMEOUT, Duration.class).orElse(DEFAULT_SESSION_TIMEOUT);
        context.setSessionTimeout((int) Math.max(1, timeout.toMinutes()));
        if (config.getOptionalValue(SECURE_COOKIES, Boolean.class).orElse(false)) {
            context.getSessionCookieConfig().setSecure(true);
        }
    }

    static final String SESSION_TIMEOUT = "casegate.http.session-timeout";
    static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofMinutes(30);
    static final String SECURE_COOKIES = "casegate.http.secure-cookies";
}
