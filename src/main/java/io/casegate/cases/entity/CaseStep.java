package io.casegate.cases.entity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One completed step of the ticket workflow for a submission, and its result (such as a CRM record id). */
@Entity
@Table(name = "delivery_step")
@NamedQuery(name = CaseStep.OF_SUBMISSION, query = "SELECT s FROM CaseStep s WHERE s.submissionId = :submissionId")
@IdClass(CaseStep.Key.class)
public class CaseStep {

    public static final String OF_SUBMISSION = "CaseStep.ofSubmission";

    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String submissionId;
        String step;

        public Key() {}

        public Key(String submissionId, String step) {
            this.submissionId = submissionId;
            this.step = step;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(submissionId, key.submissionId)
                    && Objects.equals(step, key.step);
        }

        @Override
        public int hashCode() {
            return Objects.hash(submissionId, step);
        }
    }

    @Id
    @Column(name = "submission_id")
    private String submissionId;

    @Id
    private String step;

    private String result;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected CaseStep() {}

    public CaseStep(String submissionId, String step, String result, Instant completedAt) {
        this.submissionId = submissionId;
        this.step = step;
        this.result = result;
        this.completedAt = completedAt;
    }

    public void completedAgain(String result, Instant at) {
        this.result = result;
        this.completedAt = at;
    }

    public String step() {
        return step;
    }

    public String result() {
        return result;
    }
}
