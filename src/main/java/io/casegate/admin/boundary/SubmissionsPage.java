package io.casegate.admin.boundary;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.casegate.admin.control.SubmissionOverviews.Filter;
import io.casegate.admin.control.SubmissionOverviews.SubmissionRow;
import io.casegate.crm.boundary.CrmStatus;
import io.casegate.crm.entity.CrmSessionState;
import io.casegate.delivery.boundary.Outbox;

/**
 * The admin start page: search submissions (a GET form, so a search can be bookmarked), the CRM
 * session and the outbox backlog. Read only; changes happen on the submission's own page.
 */
@Named("adminSubmissions")
@RequestScoped
public class SubmissionsPage {

    @Inject
    AdminConsole console;

    private String query;
    private Filter filter = Filter.ALL;
    private List<SubmissionRow> rows;
    private CrmSessionState crm;
    private Outbox.Backlog backlog;

    public List<SubmissionRow> getRows() {
        if (rows == null) {
            rows = console.search(query, filter);
        }
        return rows;
    }

    public CrmSessionState getCrm() {
        if (crm == null) {
            crm = console.crmSession();
        }
        return crm;
    }

    public boolean isCrmConfigured() {
        return console.crmConfigured();
    }

    /** The key the "no CRM configured" text names. */
    public String getCrmUrlKey() {
        return CrmStatus.CRM_URL_KEY;
    }

    public Outbox.Backlog getBacklog() {
        if (backlog == null) {
            backlog = console.backlog();
        }
        return backlog;
    }

    public Filter[] getFilters() {
        return Filter.values();
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public Filter getFilter() {
        return filter;
    }

    public void setFilter(Filter filter) {
        this.filter = filter == null ? Filter.ALL : filter;
    }
}
