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
import io.casegate.crm.entity.MappingCheck;
import io.casegate.crm.entity.RequirementCheck;
import io.casegate.platform.Texts;

/**
 * DOWN while the last self-check found that the CRM lacks an entity set, a column or a lookup
 * record the mapping names: submissions are still accepted, but none reaches the CRM until an
 * operator fixes the CRM or the configuration, so the node needs attention. Each missing thing is a
 * data entry named as the CRM names it, saying what to change. A mapping not checked yet (the CRM
 * is down, or Casegate has just started) is UP: that is the delivery check's business. Reports the
 * last result; the check itself runs on its own schedule, never on a probe.
 */
@Readiness
@ApplicationScoped
class MappingReadiness implements HealthCheck {

    static final String NAME = "crm-mapping";

    @Inject
    CrmStatus crm;

    @Override
    public HealthCheckResponse call() {
        MappingCheck mapping = crm.mapping();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(!mapping.invalid());
        data(mapping).forEach(response::withData);
        return response.build();
    }

    /** The response's data: the state, when it was checked, why not, and each missing thing with what to change. */
    static Map<String, String> data(MappingCheck mapping) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("state", state(mapping));
        if (mapping.checkedAt() != null) {
            data.put("checkedAt", mapping.checkedAt().toString());
        }
        if (!mapping.problem().isEmpty()) {
            data.put("problem", mapping.problem());
        }
        for (RequirementCheck missing : mapping.missing()) {
            data.put(missing.name(), Texts.text(Locale.ENGLISH, missing.messageKey(), missing.messageArguments()));
        }
        return data;
    }

    private static String state(MappingCheck mapping) {
        return switch (mapping.state()) {
            case NOT_CHECKED -> "not checked yet";
            case VALID -> "valid";
            case INVALID -> "invalid";
        };
    }
}
