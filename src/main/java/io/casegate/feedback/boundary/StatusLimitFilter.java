package io.casegate.feedback.boundary;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.casegate.platform.AbuseLimits;
import io.casegate.platform.ClientAddress;
import io.casegate.platform.TooManyRequests;
import io.casegate.platform.VisitorLocale;

/**
 * Limits the lookups on the status page per client address, so that nobody tries references and
 * e-mail addresses by the thousand. A lookup is the page's form posted back, or a status link
 * opened (its token, {@code ?t=}, is looked up); opening the page with only the reference filled in
 * is not one. Mapped to /status.xhtml in web.xml.
 */
public class StatusLimitFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    AbuseLimits limits;

    @Inject
    ClientAddress clientAddress;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("POST".equals(request.getMethod()) || request.getParameter("t") != null) {
            Optional<Duration> wait = limits.statusLookup(clientAddress.of(request));
            if (wait.isPresent()) {
                TooManyRequests.send(response, VisitorLocale.kept(request), wait.get());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
