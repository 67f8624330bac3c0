package io.casegate.admin.boundary;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.casegate.admin.control.SubmissionOverviews.SubmissionRow;
import io.casegate.cases.entity.CrmCall;

/**
 * One submission with its log of CRM calls, and the retry of a dead letter. A protected view
 * (faces-config.xml): it is entered only through the link of the start page, and its retry is a
 * POST carrying the view state, so another site can neither link nor post an admin into a retry.
 */
@Named("adminSubmission")
@ViewScoped
public class SubmissionPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient AdminConsole console;

    private String reference;
    private transient SubmissionRow row;
    private transient List<CrmCall> calls;

    /** The f:viewAction: loads the submission named by the view parameter. */
    public void load() {
        row = console.submission(reference).orElse(null);
        calls = row == null ? List.of() : console.crmCalls(row);
    }

    /**
     * Post-redirect-get: a reload of the page shows the new state and posts nothing again. The
     * outcome travels in the URL rather than in the Faces flash, which a redirect may lose.
     */
    public String retry() {
        boolean retried = console.retry(reference);
        return "/admin/submission.xhtml?faces-redirect=true&includeViewParams=true&outcome="
                + (retried ? OUTCOME_REQUEUED : OUTCOME_NOT_DEAD);
    }

    static final String OUTCOME_REQUEUED = "requeued";
    static final String OUTCOME_NOT_DEAD = "not-dead";

    public SubmissionRow getRow() {
        if (row == null && reference != null) {
            load();
        }
        return row;
    }

    public List<CrmCall> getCalls() {
        if (calls == null) {
            load();
        }
        return calls;
    }

    public String getReference() {
        return reference;
    }

    public void setReference(String reference) {
        this.reference = reference;
    }
}
