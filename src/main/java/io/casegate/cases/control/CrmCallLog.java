package io.casegate.cases.control;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.casegate.cases.entity.CrmCall;
import io.casegate.platform.metrics.Meter;
import io.casegate.platform.metrics.Metrics;

/**
 * The log of CRM calls per submission, for the admin area, and the CRM metrics (call latency per
 * operation, logins).
 */
@ApplicationScoped
public class CrmCallLog {

    /** The operation names the workflow reports for logins (see CaseWorkflow's call counter). */
    static final String LOGIN = "login";
    static final String FAILED_LOGIN = "login (failed)";

    @PersistenceContext(unitName = "casegate")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Metrics metrics;

    /** Counts and times one call; {@link #record} keeps it (called separately, through the proxy, for its transaction). */
    public void measure(String operation, long millis) {
        metrics.observe(Meter.CRM_CALL_DURATION, Duration.ofMillis(millis), operation);
        if (LOGIN.equals(operation) || FAILED_LOGIN.equals(operation)) {
            metrics.increment(Meter.CRM_LOGINS, LOGIN.equals(operation) ? "succeeded" : "failed");
        }
    }

    /** Logs one call in a transaction of its own. */
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
