package io.casegate.health.boundary;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.casegate.platform.DatabaseSchema;

/**
 * Ready only while the database answers: without it Casegate can neither accept a submission nor
 * deliver one, so a load balancer should send visitors to another node.
 */
@Readiness
@ApplicationScoped
class DatabaseReadiness implements HealthCheck {

    static final String NAME = "database";
    /** Seconds the database may take to confirm a connection before the node counts as not ready. */
    static final int VALIDATION_TIMEOUT_SECONDS = 3;

    @Inject
    DatabaseSchema database;

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = database.connection()) {
            boolean valid = connection.isValid(VALIDATION_TIMEOUT_SECONDS);
            return HealthCheckResponse.named(NAME)
                    .status(valid)
                    .withData("product", connection.getMetaData().getDatabaseProductName())
                    .build();
        } catch (SQLException | RuntimeException e) {
            // The reason, never the URL or credentials.
            return HealthCheckResponse.named(NAME)
                    .down()
                    .withData("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
