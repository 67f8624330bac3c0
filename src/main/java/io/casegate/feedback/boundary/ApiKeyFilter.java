package io.casegate.feedback.boundary;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import io.casegate.feedback.control.ApiKeys;
import io.casegate.platform.ProblemException;
import io.casegate.platform.Texts;
import io.casegate.platform.VisitorLocale;

/**
 * Lets a request through to the API only with a valid key in {@code X-Api-Key}. A filter runs
 * before the resource method's parameters are read, so a request without a key is answered 401
 * without its body being read.
 */
@Provider
@ApiKeyRequired
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {

    static final String HEADER = "X-Api-Key";

    @Inject
    ApiKeys apiKeys;

    @Override
    public void filter(ContainerRequestContext request) {
        String problem = switch (apiKeys.check(request.getHeaderString(HEADER))) {
            case ACCEPTED -> null;
            case CLOSED -> "api.problem.apiClosed";
            default -> "api.problem.apiKey";
        };
        if (problem != null) {
            throw new ProblemException(
                    401, Texts.text(VisitorLocale.of(request.getHeaderString("Accept-Language")), problem));
        }
    }
}
