package io.casegate.crm.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.casegate.crm.control.CrmSession;
import io.casegate.crm.entity.CrmSessionState;

/** How Casegate's session with the CRM stands, for the admin area and the readiness check. */
@ApplicationScoped
public class CrmStatus {

    @Inject
    CrmSession session;

    public CrmSessionState state() {
        return session.state();
    }
}
