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

    /** How logins appear among a submission's calls and in the latency metric. */
    static final String LOGIN = "login";

    static final String FAILED_LOGIN = "login (failed)";

    @PersistenceContext(unitName = "casegate")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Metrics metrics;

    /** Times one call; {@link #record} keeps it (called separately, through the proxy, for its transaction). */
    public void measure(String operation, long millis) {
        metrics.observe(Meter.CRM_CALL_DURATION, Duration.ofMillis(millis), operation);
    }

    public void measureLogin(boolean succeeded, long millis) {
        measure(loginOperation(succeeded), millis);
        metrics.increment(Meter.CRM_LOGINS, succeeded ? "succeeded" : "failed");
    }

    /** Logs one call in a transaction of its own. */
    @Transactional(TxType.REQUIRES_NEW)
    public void record(String submissionId, String operation, int status, long millis) {
        em.persist(new CrmCall(submissionId, operation, status, millis, clock.instant()));
    }

    /** Logs a login; a failed one has no answer to show (status 0). */
    @Transactional(TxType.REQUIRES_NEW)
    public void recordLogin(String submissionId, boolean succeeded, long millis) {
        record(submissionId, loginOperation(succeeded), succeeded ? 200 : 0, millis);
    }

    @Transactional(TxType.SUPPORTS)
    public List<CrmCall> of(UUID submissionId) {
        return em.createNamedQuery(CrmCall.OF_SUBMISSION, CrmCall.class)
                .setParameter("submissionId", submissionId.toString())
                .getResultList();
    }

    private static String loginOperation(boolean succeeded) {
        return succeeded ? LOGIN : FAILED_LOGIN;
    }
}
