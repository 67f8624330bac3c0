package io.casegate.health.boundary;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the application answers at all. Deliberately checks nothing outside the JVM: a
 * database or CRM outage is no reason to restart the node (readiness covers the database).
 */
@Liveness
@ApplicationScoped
class ApplicationLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("casegate");
    }
}
