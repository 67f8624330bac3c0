package io.casegate.admin.boundary;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.casegate.crm.boundary.CrmStatus;
import io.casegate.crm.entity.DeliveryPreview;
import io.casegate.crm.entity.MappingCheck;
import io.casegate.crm.entity.RequirementCheck;

/**
 * The page "CRM check": each thing the mapping needs of the CRM with what the last self-check found,
 * a button that checks again (a POST carrying the view state, so another site cannot post an admin
 * into it), and what a delivery would write, in the CRM's terms.
 */
@Named("adminCrmCheck")
@RequestScoped
public class CrmCheckPage {

    static final String OUTCOME_CHECKED = "checked";

    @Inject
    AdminConsole console;

    private MappingCheck mapping;

    public MappingCheck getMapping() {
        if (mapping == null) {
            mapping = console.crmMapping();
        }
        return mapping;
    }

    public List<RequirementCheck> getRequirements() {
        return getMapping().requirements();
    }

    public List<DeliveryPreview.Record> getPreview() {
        return console.deliveryPreview().records();
    }

    /** False while there is no CRM at all: the page says so above the check, which then cannot run. */
    /** Empty while the node sends each submission's look-ups and creates as two batches. */
    public String getBatchRefusal() {
        return console.crmBatchRefusal().orElse("");
    }

    public boolean isCrmConfigured() {
        return console.crmConfigured();
    }

    public String getCrmUrlKey() {
        return CrmStatus.CRM_URL_KEY;
    }

    public Duration getRecheckInterval() {
        return console.crmMappingRecheckInterval();
    }

    /** Post-redirect-get: a reload shows the result and checks nothing again. */
    public String checkAgain() {
        mapping = console.checkCrmMappingNow();
        return "/admin/crm-check.xhtml?faces-redirect=true&outcome=" + OUTCOME_CHECKED;
    }
}
