package io.casegate.cases.boundary;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.casegate.cases.control.CrmCallLog;
import io.casegate.cases.entity.CrmCall;

/** The CRM calls made for a submission, oldest first: what operators read when a case is late. */
@ApplicationScoped
public class CaseCalls {

    @Inject
    CrmCallLog log;

    public List<CrmCall> of(UUID submissionId) {
        return log.of(submissionId);
    }
}
