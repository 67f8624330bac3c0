package io.casegate.feedback.boundary;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.casegate.feedback.control.ApiKeys;
import io.casegate.platform.ProblemException;
import io.casegate.platform.Texts;
import io.casegate.platform.VisitorLocale;

/**
 * Lets a request through to the API ({@code /api/*}) only with a valid key in {@code X-Api-Key}.
 * A servlet filter in front of Jersey, mapped first in web.xml, so that a request without a key is
 * answered 401 before a byte of its body is read, however large it is; the connection is closed
 * rather than drained.
 */
public class ApiKeyFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String HEADER = "X-Api-Key";

    @Inject
    ApiKeys apiKeys;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String problem = switch (apiKeys.check(request.getHeader(HEADER))) {
            case ACCEPTED -> null;
            case CLOSED -> "api.problem.apiClosed";
            default -> "api.problem.apiKey";
        };
        if (problem == null) {
            chain.doFilter(request, response);
            return;
        }
        BodyLimitFilter.refuse(
                response,
                new ProblemException(401, Texts.text(VisitorLocale.of(request.getHeader("Accept-Language")), problem)));
    }
}
