package io.casegate.health.boundary;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.casegate.crm.boundary.CrmStatus;

/**
 * DOWN while there is no CRM to deliver to (no {@code casegate.crm.url}, the built-in sandbox off):
 * submissions are accepted and stored, but none leaves, so a deployment that forgot the key (or
 * misspelt it) must not look healthy. The data names the key to set.
 */
@Readiness
@ApplicationScoped
class CrmConfigurationReadiness implements HealthCheck {

    static final String NAME = "crm-configured";

    @Inject
    CrmStatus crm;

    @Override
    public HealthCheckResponse call() {
        if (crm.configured()) {
            return HealthCheckResponse.named(NAME).up().build();
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .down()
                .withData("reason", crm.notConfiguredReason(Locale.ENGLISH))
                .withData("set", CrmStatus.CRM_URL_KEY);
        return response.build();
    }
}
