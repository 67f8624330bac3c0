package io.casegate.cases.control;

import io.casegate.feedback.boundary.Submissions;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.casegate.cases.entity.CaseStep;
import io.casegate.platform.metrics.Meter;
import io.casegate.platform.metrics.Metrics;

/**
 * The ticket workflow's progress, kept in the database: each completed step commits at once, in
 * its own transaction, so that a delivery interrupted by a crash resumes after its last step. The
 * case number goes onto the submission as soon as the case exists, for the visitor waiting for it.
 */
@ApplicationScoped
public class CaseSteps {

    private static final Logger LOG = Logger.getLogger(CaseSteps.class.getName());

    @PersistenceContext(unitName = "casegate")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    CrmCallLog calls;

    @Inject
    Submissions records;

    @Inject
    Metrics metrics;

    /** The persistent progress of one submission's delivery, from the steps it has completed so far. */
    public CaseProgress of(UUID submissionId, Map<String, String> completedSteps) {
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
                records.caseOpened(submissionId, caseId.toString(), number)
                        .ifPresent(toNumber -> metrics.observe(Meter.TIME_TO_CASE_NUMBER, toNumber));
            }

            @Override
            public void crmCall(String operation, int status, long millis) {
                calls.measure(operation, millis);
                try {
                    calls.record(id, operation, status, millis);
                } catch (RuntimeException e) {
                    // The call log is for operators; it never fails the delivery it describes.
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
