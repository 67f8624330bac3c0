package io.casegate.crm.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

/** Reads {@link CrmSettings} (and with them the {@link CrmMapping}) from MicroProfile Config for the CRM beans. */
@ApplicationScoped
class CrmSettingsProducer {

    @Inject
    Config config;

    @Produces
    CrmSettings settings() {
        return CrmSettings.from(config);
    }

    @Produces
    CrmMapping mapping() {
        return CrmMapping.from(config);
    }
}
