package io.casegate.cases.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One request made to the CRM while delivering a submission: what, the HTTP status (0: no answer), how long. */
@Entity
@Table(name = "crm_call")
@NamedQuery(
        name = CrmCall.OF_SUBMISSION,
        query = "SELECT c FROM CrmCall c WHERE c.submissionId = :submissionId ORDER BY c.calledAt, c.id")
public class CrmCall {

    public static final String OF_SUBMISSION = "CrmCall.ofSubmission";

    @Id
    private String id;

    @Column(name = "submission_id")
    private String submissionId;

    private String operation;
    private int status;

    @Column(name = "duration_ms")
    private long durationMs;

    @Column(name = "called_at")
    private Instant calledAt;

    protected CrmCall() {}

    public CrmCall(String submissionId, String operation, int status, long durationMs, Instant calledAt) {
        this.id = UUID.randomUUID().toString();
        this.submissionId = submissionId;
        this.operation = operation.length() <= 100 ? operation : operation.substring(0, 100);
        this.status = status;
        this.durationMs = durationMs;
        this.calledAt = calledAt;
    }

    public String id() {
        return id;
    }

    public String submissionId() {
        return submissionId;
    }

    public String operation() {
        return operation;
    }

    public int status() {
        return status;
    }

    public long durationMs() {
        return durationMs;
    }

    public Instant calledAt() {
        return calledAt;
    }

    /** Bean-style getters for the admin pages' expression language. */
    public String getOperation() {
        return operation;
    }

    public int getStatus() {
        return status;
    }

    public long getDurationMs() {
        return durationMs;
    }

    public Instant getCalledAt() {
        return calledAt;
    }
}
