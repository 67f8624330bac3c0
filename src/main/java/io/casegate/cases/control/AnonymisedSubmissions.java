package io.casegate.cases.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.casegate.feedback.entity.SubmissionAnonymised;

/**
 * When a submission's personal data goes (its retention after delivery passed, or a data-subject
 * request), the pipeline's records of it go with it, in the same transaction: its CRM call log
 * ({@code crm_call}) and its completed steps ({@code delivery_step}, the CRM's ids of the contact,
 * the organisation and the case). They served the delivery and its diagnosis, both over by then;
 * the submission keeps its case number and its times.
 */
@ApplicationScoped
class AnonymisedSubmissions {

    @PersistenceContext(unitName = "casegate")
    EntityManager em;

    void forget(@Observes SubmissionAnonymised anonymised) {
        String id = anonymised.submissionId().toString();
        em.createQuery("DELETE FROM CrmCall c WHERE c.submissionId = :id")
                .setParameter("id", id)
                .executeUpdate();
        em.createQuery("DELETE FROM CaseStep s WHERE s.submissionId = :id")
                .setParameter("id", id)
                .executeUpdate();
    }
}
