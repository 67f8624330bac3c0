package io.casegate;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import io.casegate.feedback.boundary.OpenApiDocument;
import io.casegate.feedback.boundary.SubmissionsResource;
import io.casegate.platform.ProblemMapper;

/**
 * Casegate's REST API under {@code /api}. Its classes are listed, because an application that
 * lists none gets every resource of the WAR, the sandbox CRM's included.
 */
@ApplicationPath("api")
public class CasegateApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(SubmissionsResource.class, OpenApiDocument.class, ProblemMapper.class);
    }
}
