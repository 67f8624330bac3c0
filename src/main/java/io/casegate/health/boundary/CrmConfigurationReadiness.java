package io.casegate.health.boundary;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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
        Map<String, String> data = data(crm);
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(data.isEmpty());
        data.forEach(response::withData);
        return response.build();
    }

    /** Empty while there is a CRM; else why nothing is delivered and the key to set. */
    static Map<String, String> data(CrmStatus crm) {
        if (crm.configured()) {
            return Map.of();
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("reason", crm.notConfiguredReason(Locale.ENGLISH));
        data.put("set", CrmStatus.CRM_URL_KEY);
        return data;
    }
}
