package io.casegate.cases.boundary;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.casegate.attachments.boundary.Attachments;
import io.casegate.cases.control.CaseSteps;
import io.casegate.cases.control.CaseWorkflow;
import io.casegate.cases.control.VisitorLocks;
import io.casegate.cases.control.VisitorTurn;
import io.casegate.cases.entity.OpenedCase;
import io.casegate.crm.boundary.CrmStatus;
import io.casegate.crm.entity.CrmException;
import io.casegate.delivery.boundary.OutboxHandler;
import io.casegate.delivery.entity.DeliveryDeferred;
import io.casegate.delivery.entity.OutboxEntry;
import io.casegate.feedback.boundary.Submissions;
import io.casegate.platform.metrics.Meter;
import io.casegate.platform.metrics.Metrics;

/**
 * The outbox's job for an accepted submission: opens its case in the CRM through the case workflow,
 * resuming after the steps an earlier attempt completed, and records the case it became. Retrying
 * is the outbox's business; only CRM failures that say so are worth retrying.
 */
@ApplicationScoped
class CaseOpener implements OutboxHandler {

    private static final Logger LOG = Logger.getLogger(CaseOpener.class.getName());

    @Inject
    CaseWorkflow workflow;

    @Inject
    CaseSteps steps;

    @Inject
    VisitorLocks visitors;

    @Inject
    Submissions submissions;

    @Inject
    Attachments attachments;

    @Inject
    Metrics metrics;

    @Inject
    CrmStatus crm;

    @Override
    public String kind() {
        return Submissions.DELIVER_CASE;
    }

    @Override
    public CompletionStage<?> handle(OutboxEntry entry) {
        // No CRM at all (no URL, no sandbox): calling nowhere would only burn the retry budget.
        Optional<Duration> unconfigured = crm.configurationHoldsDelivery();
        if (unconfigured.isPresent()) {
            return CompletableFuture.failedFuture(
                    new DeliveryDeferred(crm.notConfiguredReason(Locale.ENGLISH), unconfigured.get()));
        }
        // While the CRM lacks what the mapping names, every attempt would end as a dead letter:
        // the submission waits, stored, until a self-check finds the CRM fixed (and, after a
        // start, until the first check has ended).
        Optional<Duration> wait = crm.mappingHoldsDelivery();
        if (wait.isPresent()) {
            return CompletableFuture.failedFuture(new DeliveryDeferred(
                    "Waiting for the CRM mapping: " + crm.mapping().summary(), wait.get()));
        }
        CaseSteps.Resumed resumed = steps.resume(entry.subjectId())
                .orElseThrow(() -> new SubmissionGone("Submission " + entry.subjectId() + " no longer exists"));
        // One visitor, one contact: deliveries of one visitor take turns at the contact (docs/delivery.md).
        VisitorTurn turn = visitors.turn(resumed.request(), resumed.progress()).orElse(null);
        if (turn == null) {
            return CompletableFuture.failedFuture(visitors.notYourTurn());
        }
        CompletionStage<OpenedCase> opening;
        try {
            opening = workflow.openAsync(resumed.request(), turn.progress());
        } catch (RuntimeException notStarted) {
            turn.ended();
            throw notStarted;
        }
        return opening.whenComplete((opened, failure) -> turn.ended())
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(crm.waitAfterFailure(failure)
                        .<Throwable>map(pause -> new DeliveryDeferred(
                                "The CRM refused the delivery and lacks what the mapping names: "
                                        + crm.mapping().summary(),
                                pause))
                        .orElse(failure)))
                .thenAccept(opened -> recordOpened(resumed.request().reference(), opened, entry));
    }

    /** Nothing to deliver: no later attempt can find it either. */
    static final class SubmissionGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SubmissionGone(String message) {
            super(message);
        }
    }

    @Override
    public boolean isRetryable(Throwable failure) {
        if (failure instanceof SubmissionGone) {
            return false;
        }
        return !(failure instanceof CrmException crm) || crm.isRetryable();
    }

    private void recordOpened(String reference, OpenedCase opened, OutboxEntry entry) {
        submissions.delivered(
                entry.subjectId(), opened.caseId(), opened.caseNumber(), opened.contactId(), opened.accountId());
        LOG.info(() -> reference + " is case " + opened.caseNumber() + " in the CRM");
        metrics.increment(Meter.SUBMISSIONS_DELIVERED);
        attachments.afterDelivery(entry.subjectId());
    }
}
