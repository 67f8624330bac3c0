package io.casegate.platform;

import java.io.IOException;
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

    @Override
    public void init(FilterConfig config) {
        String ancestors = ConfigProvider.getConfig()
                .getOptionalValue(FRAME_ANCESTORS, String.class)
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .orElse(DEFAULT_FRAME_ANCESTORS);
        contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
                + " frame-ancestors " + ancestors;
        // X-Frame-Options knows only one origin: browsers that read frame-ancestors ignore it, older
        // ones get the safe answer unless embedding elsewhere was configured (then it is left out).
        frameOptions = DEFAULT_FRAME_ANCESTORS.equals(ancestors) ? "SAMEORIGIN" : null;
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
