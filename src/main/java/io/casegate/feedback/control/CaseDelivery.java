package io.casegate.feedback.control;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.casegate.attachments.control.AttachmentStore;
import io.casegate.attachments.entity.Attachment;
import io.casegate.crm.entity.CrmException;
import io.casegate.delivery.control.OutboxHandler;
import io.casegate.delivery.entity.OutboxEntry;
import io.casegate.feedback.entity.Submission;
import io.casegate.platform.metrics.Meter;
import io.casegate.platform.metrics.Metrics;
import io.casegate.tickets.control.TicketWorkflow;
import io.casegate.tickets.entity.DeliveredCase;
import io.casegate.tickets.entity.TicketAttachment;
import io.casegate.tickets.entity.TicketRequest;

/**
 * Delivers a submission to the CRM: hands it to the ticket workflow with its persistent progress,
 * and records the case it became. Retrying is the dispatcher's business; only CRM failures that
 * say so are worth retrying.
 */
@ApplicationScoped
public class CaseDelivery implements OutboxHandler {

    private static final Logger LOG = Logger.getLogger(CaseDelivery.class.getName());

    @Inject
    TicketWorkflow workflow;

    @Inject
    SubmissionRecords records;

    @Inject
    DeliverySteps steps;

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
        return SubmissionRecords.DELIVER_CASE;
    }

    @Override
    public CompletionStage<?> handle(OutboxEntry entry) {
        SubmissionRecords.ToDeliver toDeliver = records.toDeliver(entry.subjectId())
                .orElseThrow(() -> new IllegalStateException("No submission " + entry.subjectId()));
        Submission submission = toDeliver.submission();
        TicketRequest request = requestOf(submission, toDeliver.attachments());
        return workflow.deliverAsync(request, steps.of(submission.id(), toDeliver.completedSteps()))
                .thenAccept(delivered -> recordDelivered(submission, delivered));
    }

    @Override
    public boolean isRetryable(Throwable failure) {
        return !(failure instanceof CrmException crm) || crm.isRetryable();
    }

    TicketRequest requestOf(Submission submission, List<Attachment> stored) {
        List<TicketAttachment> files = stored.stream()
                .map(file -> new TicketAttachment(file.id(), file.fileName(), file.mediaType(), file.size(),
                        () -> attachments.open(file.storageKey())))
                .toList();
        return new TicketRequest(submission.id(), submission.reference(), submission.name(), submission.email(),
                submission.phoneNormalised(), submission.organisation(), submission.inn(), submission.service(),
                submission.subject(), submission.description(), submission.locale(), submission.receivedAt(), files);
    }

    private void recordDelivered(Submission submission, DeliveredCase delivered) {
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
