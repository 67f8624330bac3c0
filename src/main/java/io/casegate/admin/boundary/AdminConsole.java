package io.casegate.admin.boundary;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;

import io.casegate.admin.control.SubmissionOverviews;
import io.casegate.admin.control.SubmissionOverviews.Filter;
import io.casegate.admin.control.SubmissionOverviews.SubmissionRow;
import io.casegate.cases.boundary.CaseCalls;
import io.casegate.cases.entity.CrmCall;
import io.casegate.crm.boundary.CrmStatus;
import io.casegate.crm.entity.CrmSessionState;
import io.casegate.crm.entity.DeliveryPreview;
import io.casegate.crm.entity.MappingCheck;
import io.casegate.delivery.boundary.Outbox;
import io.casegate.feedback.boundary.PersonalData;
import io.casegate.feedback.boundary.Submissions;
import io.casegate.feedback.entity.VisitorErasure;
import io.casegate.platform.metrics.Meter;
import io.casegate.platform.metrics.Metrics;

/** Everything the admin pages read and do, in one boundary; the pages call nothing else. */
@ApplicationScoped
class AdminConsole {

    private static final Logger LOG = Logger.getLogger(AdminConsole.class.getName());

    @Inject
    SubmissionOverviews overviews;

    @Inject
    CaseCalls calls;

    @Inject
    Outbox outbox;

    @Inject
    CrmStatus crmSession;

    @Inject
    Metrics metrics;

    @Inject
    SecurityContext security;

    @Inject
    PersonalData personalData;

    public List<SubmissionRow> search(String text, Filter filter) {
        return overviews.search(text, filter);
    }

    public Optional<SubmissionRow> submission(String reference) {
        return overviews.byReference(reference);
    }

    public List<CrmCall> crmCalls(SubmissionRow submission) {
        return calls.of(UUID.fromString(submission.submissionId()));
    }

    public CrmSessionState crmSession() {
        return crmSession.state();
    }

    /** False while there is no CRM to deliver to (docs/security.md): the start page says so. */
    public boolean crmConfigured() {
        return crmSession.configured();
    }

    /** Why the CRM gets one request at a time instead of two batches per submission; empty while it gets batches. */
    public Optional<String> crmBatchRefusal() {
        return crmSession.batchRefusal();
    }

    public MappingCheck crmMapping() {
        return crmSession.mapping();
    }

    public MappingCheck checkCrmMappingNow() {
        MappingCheck result = crmSession.checkMappingNow();
        String admin = security.getCallerPrincipal() == null
                ? "?"
                : security.getCallerPrincipal().getName();
        LOG.info(() -> admin + " checked the CRM mapping: " + result.summary());
        return result;
    }

    public Duration crmMappingRecheckInterval() {
        return crmSession.mappingRecheckInterval();
    }

    public DeliveryPreview deliveryPreview() {
        return crmSession.deliveryPreview();
    }

    public Outbox.Backlog backlog() {
        return outbox.backlog(Submissions.DELIVER_CASE);
    }

    /**
     * Sends a dead-lettered submission back to delivery. True when this request did; false when it
     * was not dead (any more), e.g. another administrator was quicker. Delivery stays exactly-once:
     * the workflow resumes from its recorded steps and finds records by their deterministic ids.
     */
    public boolean retry(String reference) {
        Optional<SubmissionRow> row = overviews.byReference(reference);
        if (row.isEmpty()
                || !row.get().deadLettered()
                || !outbox.requeue(row.get().deliveryEntryId())) {
            return false;
        }
        metrics.increment(Meter.DEAD_LETTERS_REQUEUED);
        String admin = security.getCallerPrincipal() == null
                ? "?"
                : security.getCallerPrincipal().getName();
        LOG.info(() -> admin + " sent dead-lettered " + reference + " back to delivery");
        return true;
    }

    /**
     * A data-subject request: erases the personal data of every submission made with this e-mail
     * address, and records who did it (see {@link PersonalData#erase}). The log names the
     * administrator and the masked address only.
     */
    public PersonalData.Erasure eraseVisitor(String email) {
        String admin = administrator();
        PersonalData.Erasure erasure = personalData.erase(email, admin);
        LOG.info(() -> admin + " erased the personal data of " + erasure.maskedEmail() + ": " + erasure.submissions()
                + " submissions, " + erasure.undelivered() + " of them undelivered");
        return erasure;
    }

    public List<VisitorErasure> latestErasures() {
        return personalData.latestErasures(50);
    }

    private String administrator() {
        return security.getCallerPrincipal() == null
                ? "?"
                : security.getCallerPrincipal().getName();
    }
}
