package io.casegate.cases.control;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.casegate.attachments.boundary.Attachments;
import io.casegate.attachments.entity.AttachedFile;
import io.casegate.cases.entity.CaseRequest;
import io.casegate.cases.entity.CaseStep;
import io.casegate.feedback.boundary.Submissions;
import io.casegate.feedback.entity.Submission;
import io.casegate.platform.metrics.Meter;
import io.casegate.platform.metrics.Metrics;

/**
 * The case workflow's progress, kept in the database (table {@code delivery_step}): each completed
 * step commits at once, in its own transaction, so that an attempt interrupted by a crash resumes
 * after its last step. The case number goes onto the submission as soon as the case exists, for the
 * visitor waiting for it.
 */
@ApplicationScoped
public class CaseSteps {

    private static final Logger LOG = Logger.getLogger(CaseSteps.class.getName());

    /** What an attempt starts from: the submission as the workflow needs it, and its progress so far. */
    public record Resumed(CaseRequest request, CaseProgress progress) {}

    @PersistenceContext(unitName = "casegate")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    CrmCallLog calls;

    @Inject
    Submissions submissions;

    @Inject
    Attachments attachments;

    @Inject
    Metrics metrics;

    /** The submission, its files and the steps done before, read in one transaction: it is on the way to the visitor's case number. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Resumed> resume(UUID submissionId) {
        return submissions
                .byId(submissionId)
                .map(submission -> new Resumed(
                        requestOf(submission, attachments.of(submissionId)),
                        progressOf(
                                submissionId,
                                em.createNamedQuery(CaseStep.OF_SUBMISSION, CaseStep.class)
                                        .setParameter("submissionId", submissionId.toString())
                                        .getResultStream()
                                        .collect(Collectors.toMap(CaseStep::step, CaseStep::result)))));
    }

    static CaseRequest requestOf(Submission submission, List<AttachedFile> files) {
        return new CaseRequest(
                submission.id(),
                submission.reference(),
                submission.name(),
                submission.email(),
                submission.phoneNormalised(),
                submission.organisation(),
                submission.inn(),
                submission.service(),
                submission.subject(),
                submission.description(),
                submission.locale(),
                submission.receivedAt(),
                files);
    }

    private CaseProgress progressOf(UUID submissionId, Map<String, String> completedSteps) {
        String id = submissionId.toString();
        Map<String, String> completedBefore = Map.copyOf(completedSteps);
        return new CaseProgress() {
            @Override
            public Map<String, String> results() {
                return completedBefore;
            }

            @Override
            public void complete(String step, String result) {
                CaseSteps.this.complete(id, step, result);
            }

            @Override
            public void caseOpened(UUID caseId, String number) {
                submissions
                        .caseOpened(submissionId, caseId, number)
                        .ifPresent(toNumber -> metrics.observe(Meter.TIME_TO_CASE_NUMBER, toNumber));
            }

            @Override
            public void crmCall(String operation, int status, long millis) {
                calls.measure(operation, millis);
                logSafely(() -> calls.record(id, operation, status, millis));
            }

            @Override
            public void crmLogin(boolean succeeded, long millis) {
                calls.measureLogin(succeeded, millis);
                logSafely(() -> calls.recordLogin(id, succeeded, millis));
            }

            private void logSafely(Runnable entry) {
                try {
                    entry.run();
                } catch (RuntimeException e) {
                    // The call log is for operators; it never fails the attempt it describes.
                    LOG.log(Level.WARNING, "Could not log a CRM call of submission " + id + ": " + e, e);
                }
            }
        };
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void complete(String submissionId, String step, String result) {
        CaseStep existing = em.find(CaseStep.class, new CaseStep.Key(submissionId, step));
        if (existing == null) {
            em.persist(new CaseStep(submissionId, step, result, clock.instant()));
        } else {
            existing.completedAgain(result, clock.instant());
        }
    }
}
