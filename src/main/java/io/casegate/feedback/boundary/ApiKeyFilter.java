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

import io.casegate.feedback.control.ApiKeys;
import io.casegate.platform.AbuseLimits;
import io.casegate.platform.ProblemException;
import io.casegate.platform.RateLimiter;
import io.casegate.platform.Texts;
import io.casegate.platform.VisitorLocale;

/**
 * Lets a request through to the API ({@code /api/*}) only with a valid key in {@code X-Api-Key}.
 * A servlet filter in front of Jersey, mapped first in web.xml, so that a request without a key is
 * answered 401 before a byte of its body is read, however large it is; the connection is closed
 * rather than drained. The one exception is {@code GET /api/openapi.yaml} ({@link OpenApiDocument}).
 */
public class ApiKeyFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String HEADER = "X-Api-Key";

    @Inject
    ApiKeys apiKeys;

    @Inject
    AbuseLimits limits;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (isDocument(request)) {
            // The API's description is public: integrators read it before they have a key.
            chain.doFilter(request, response);
            return;
        }
        String problem = switch (apiKeys.check(request.getHeader(HEADER))) {
            case ACCEPTED -> null;
            case CLOSED -> "api.problem.apiClosed";
            default -> "api.problem.apiKey";
        };
        if (problem == null) {
            Optional<Duration> wait = limits.apiRequest(ApiKeys.clientIdOf(request.getHeader(HEADER)));
            if (wait.isEmpty()) {
                chain.doFilter(request, response);
                return;
            }
            long seconds = RateLimiter.retryAfterSeconds(wait.get());
            BodyLimitFilter.refuse(
                    response,
                    new ProblemException(
                            429,
                            Texts.text(
                                    VisitorLocale.of(request.getHeader("Accept-Language")),
                                    "api.problem.rateLimited",
                                    seconds)),
                    seconds);
            return;
        }
        BodyLimitFilter.refuse(
                response,
                new ProblemException(401, Texts.text(VisitorLocale.of(request.getHeader("Accept-Language")), problem)));
    }

    /** Exactly the document's path, as the container decoded and normalised it, read with GET or HEAD. */
    static boolean isDocument(HttpServletRequest request) {
        return ("/" + OpenApiDocument.PATH).equals(request.getPathInfo())
                && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()));
    }
}
