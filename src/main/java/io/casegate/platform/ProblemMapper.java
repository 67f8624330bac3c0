package io.casegate.platform;

import static io.casegate.platform.Jsonp.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Writes Casegate's own failures as {@code application/problem+json}. */
@Provider
public class ProblemMapper implements ExceptionMapper<ProblemException> {

    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json", "UTF-8");

    @Override
    public Response toResponse(ProblemException problem) {
        Response.ResponseBuilder response =
                Response.status(problem.status()).type(PROBLEM_JSON).entity(json(problem));
        if (problem.status() == 401) {
            response.header("WWW-Authenticate", WWW_AUTHENTICATE);
        }
        return response.build();
    }

    /** What a 401 names as the way to authenticate. */
    public static final String WWW_AUTHENTICATE = "ApiKey header=\"X-Api-Key\"";

    /** The problem's body; also written by servlet filters that answer before Jersey is reached. */
    public static String json(ProblemException problem) {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", problem.title())
                .add("status", problem.status());
        if (problem.detail() != null) {
            body.add("detail", problem.detail());
        }
        if (!problem.fieldProblems().isEmpty()) {
            JsonArrayBuilder errors = JSON.createArrayBuilder();
            problem.fieldProblems()
                    .forEach(field -> errors.add(JSON.createObjectBuilder()
                            .add("field", field.field())
                            .add("message", field.message())));
            body.add("errors", errors);
        }
        return body.build().toString();
    }
}
