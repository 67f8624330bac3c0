package io.casegate.health.boundary;

import java.io.IOException;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Closes {@code /metrics} and {@code /health} to whoever lacks the monitoring token, when one is
 * configured ({@link MonitoringToken}); mapped in web.xml. {@code /health} is the runtime's
 * MicroProfile Health endpoint: Payara registers it in the root application's context, so this
 * filter guards it where Casegate is the root application (the container image). Refused requests
 * get 401 with an empty body; nothing about the token is logged or answered.
 */
public class MonitoringAccessFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(MonitoringAccessFilter.class.getName());

    @Inject
    transient MonitoringToken token;

    @Override
    public void init() {
        String contextPath = getServletContext().getContextPath();
        if (token.required() && !contextPath.isEmpty()) {
            LOG.warning(() -> MonitoringToken.KEY + " guards " + contextPath + "/metrics; the server's own"
                    + " /health (outside " + contextPath + ") is not Casegate's to guard: deploy Casegate as the"
                    + " root application, or keep /health off the public network (docs/security.md)");
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (token.admits(request.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"casegate-monitoring\"");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(0);
    }
}
