package io.casegate.cases.boundary;

import io.casegate.acknowledgements.boundary.Acknowledgements;
import io.casegate.attachments.control.AttachmentRetention;
import io.casegate.cases.control.CaseSteps;
import io.casegate.feedback.boundary.Submissions;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.casegate.attachments.boundary.AttachmentStore;
import io.casegate.attachments.entity.Attachment;
import io.casegate.crm.entity.CrmException;
import io.casegate.delivery.boundary.OutboxHandler;
import io.casegate.delivery.entity.OutboxEntry;
import io.casegate.feedback.entity.Submission;
import io.casegate.platform.metrics.Meter;
import io.casegate.platform.metrics.Metrics;
import io.casegate.cases.control.CaseWorkflow;
import io.casegate.cases.entity.OpenedCase;
import io.casegate.attachments.entity.AttachedFile;
import io.casegate.cases.entity.CaseRequest;

/**
 * Delivers a submission to the CRM: hands it to the ticket workflow with its persistent progress,
 * and records the case it became. Retrying is the dispatcher's business; only CRM failures that
 * say so are worth retrying.
 */
@ApplicationScoped
public class CaseOpener implements OutboxHandler {

    private static final Logger LOG = Logger.getLogger(CaseOpener.class.getName());

    @Inject
    CaseWorkflow workflow;

    @Inject
    Submissions records;

    @Inject
    CaseSteps steps;

    @Inject
    AttachmentStore attachments;

    @Inject
    Acknowledgements acknowledgements;

    @Inject
    AttachmentRetention retention;

    @Inject
    Metrics metrics;

    @Override
    public String kind() {
        return Submissions.DELIVER_CASE;
    }

    @Override
    public CompletionStage<?> handle(OutboxEntry entry) {
        Submissions.ToDeliver toDeliver = records.toDeliver(entry.subjectId())
                .orElseThrow(() -> new IllegalStateException("No submission " + entry.subjectId()));
        Submission submission = toDeliver.submission();
        CaseRequest request = requestOf(submission, toDeliver.attachments());
        return workflow.deliverAsync(request, steps.of(submission.id(), toDeliver.completedSteps()))
                .thenAccept(delivered -> recordDelivered(submission, delivered));
    }

    @Override
    public boolean isRetryable(Throwable failure) {
        return !(failure instanceof CrmException crm) || crm.isRetryable();
    }

    CaseRequest requestOf(Submission submission, List<Attachment> stored) {
        List<AttachedFile> files = stored.stream()
                .map(file -> new AttachedFile(file.id(), file.fileName(), file.mediaType(), file.size(),
                        () -> attachments.open(file.storageKey())))
                .toList();
        return new CaseRequest(submission.id(), submission.reference(), submission.name(), submission.email(),
                submission.phoneNormalised(), submission.organisation(), submission.inn(), submission.service(),
                submission.subject(), submission.description(), submission.locale(), submission.receivedAt(), files);
    }

    private void recordDelivered(Submission submission, OpenedCase delivered) {
        records.delivered(submission.id(), text(delivered.caseId()), delivered.caseNumber(),
                text(delivered.contactId()), text(delivered.accountId()), acknowledgements.enabled());
        LOG.info(() -> submission.reference() + " is case " + delivered.caseNumber() + " in the CRM");
        metrics.increment(Meter.SUBMISSIONS_DELIVERED);
        retention.afterDelivery(submission.id());
    }

    private static String text(Object id) {
        return id == null ? null : id.toString();
    }
}
