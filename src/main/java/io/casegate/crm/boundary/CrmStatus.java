package io.casegate.crm.boundary;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.casegate.crm.control.CrmSession;
import io.casegate.crm.control.CrmSettings;
import io.casegate.crm.control.DeliveryPreviews;
import io.casegate.crm.control.MappingSelfCheck;
import io.casegate.crm.entity.CrmSessionState;
import io.casegate.crm.entity.DeliveryPreview;
import io.casegate.crm.entity.MappingCheck;

/**
 * How Casegate stands with the CRM, for the admin area, the readiness checks and delivery: the
 * session, and whether the CRM has everything the mapping names.
 */
@ApplicationScoped
public class CrmStatus {

    @Inject
    CrmSession session;

    @Inject
    MappingSelfCheck selfCheck;

    @Inject
    CrmSettings settings;

    public CrmSessionState state() {
        return session.state();
    }

    /** The last self-check of the mapping; "not checked yet" until one could be made. */
    public MappingCheck mapping() {
        return selfCheck.last();
    }

    /** Checks the mapping now, e.g. when an operator has fixed the CRM, and answers the result. */
    public MappingCheck checkMappingNow() {
        return selfCheck.checkNow();
    }

    /** While the mapping is invalid it is checked again this often; delivery waits as long. */
    public Duration mappingRecheckInterval() {
        return selfCheck.interval();
    }

    /** What a delivery writes with the configured mapping, record by record, in the CRM's terms. */
    public DeliveryPreview deliveryPreview() {
        return DeliveryPreviews.of(settings.mapping());
    }
}
