package io.casegate.feedback.control;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.casegate.feedback.entity.CrmCall;
import io.casegate.platform.metrics.Meter;
import io.casegate.platform.metrics.Metrics;

/**
 * The log of CRM calls per submission, for the admin area, and the CRM metrics (call latency per
 * operation, logins). A call that cannot be logged never fails the delivery it belongs to.
 */
@ApplicationScoped
public class CrmCallLog {

    private static final Logger LOG = Logger.getLogger(CrmCallLog.class.getName());
    /** The operation names the workflow reports for logins (see TicketWorkflow's call counter). */
    static final String LOGIN = "login";
    static final String FAILED_LOGIN = "login (failed)";

    @PersistenceContext(unitName = "casegate")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Metrics metrics;

    public void called(String submissionId, String operation, int status, long millis) {
        metrics.observe(Meter.CRM_CALL_DURATION, Duration.ofMillis(millis), operation);
        if (LOGIN.equals(operation) || FAILED_LOGIN.equals(operation)) {
            metrics.increment(Meter.CRM_LOGINS, LOGIN.equals(operation) ? "succeeded" : "failed");
        }
        try {
            record(submissionId, operation, status, millis);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not log a CRM call of submission " + submissionId + ": " + e.getMessage(), e);
        }
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void record(String submissionId, String operation, int status, long millis) {
        em.persist(new CrmCall(submissionId, operation, status, millis, clock.instant()));
    }

    @Transactional(TxType.SUPPORTS)
    public List<CrmCall> of(UUID submissionId) {
        return em.createNamedQuery(CrmCall.OF_SUBMISSION, CrmCall.class)
                .setParameter("submissionId", submissionId.toString())
                .getResultList();
    }
}
