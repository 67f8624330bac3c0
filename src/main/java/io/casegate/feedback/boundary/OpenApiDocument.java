package io.casegate.feedback.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/openapi.yaml}: the OpenAPI document of the API, for integrators and their tools, with
 * no API key needed ({@link ApiKeyFilter} lets exactly this path through). One hand-kept file,
 * {@code META-INF/openapi.yaml}, served the same on every runtime (WildFly's {@code standalone.xml}
 * has no MicroProfile OpenAPI; Payara also serves the file at its own {@code /openapi}). Only its
 * server URL is adjusted to where Casegate is deployed.
 */
@Path(OpenApiDocument.PATH)
@RequestScoped
public class OpenApiDocument {

    static final String PATH = "openapi.yaml";
    static final String RESOURCE = "META-INF/openapi.yaml";
    static final String MEDIA_TYPE = "application/yaml; charset=utf-8";
    /** The server line of the file, which assumes Casegate is the root application. */
    static final String SERVER_LINE = "  - url: /api\n";

    private static volatile String text;

    @Context
    HttpServletRequest request;

    @GET
    @Produces(MEDIA_TYPE)
    public Response document() {
        return Response.ok(forContextPath(request.getContextPath()))
                .header("Cache-Control", "public, max-age=300")
                .build();
    }

    static String forContextPath(String contextPath) {
        return text().replace(SERVER_LINE, "  - url: " + contextPath + "/api\n");
    }

    static String text() {
        String read = text;
        if (read == null) {
            try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the WAR");
                }
                read = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            text = read;
        }
        return read;
    }
}
