package io.casegate.testing;

import java.time.Clock;
import java.time.Duration;

import io.casegate.attachments.boundary.ExternalFileStore;
import io.casegate.cases.control.CaseWorkflow;
import io.casegate.crm.boundary.CrmCases;
import io.casegate.crm.boundary.ServiceCatalog;
import io.casegate.crm.control.CrmClient;
import io.casegate.crm.control.CrmSession;
import io.casegate.crm.control.CrmSettings;
import io.casegate.crm.control.CrmTransport;
import io.casegate.platform.LocalServer;

/**
 * The CRM beans and the workflow wired by hand with other settings (wrong credentials, OAuth, other
 * targets), the way CDI wires them with the configured ones. Close it to release its connections.
 */
public final class CrmStack implements AutoCloseable {

    public final CrmTransport transport;
    public final CrmSession session;
    public final CrmCases cases;
    public final ServiceCatalog catalog;
    public final CaseWorkflow workflow;

    public CrmStack(CrmSettings settings, Clock clock, LocalServer localServer, ExternalFileStore externalFiles) {
        transport = new CrmTransport(settings, localServer);
        transport.open();
        session = new CrmSession(settings, transport, clock);
        cases = new CrmCases(settings, new CrmClient(session, transport));
        catalog = new ServiceCatalog(settings, cases, clock);
        workflow = new CaseWorkflow(cases, catalog, externalFiles, Duration.ofDays(30));
    }

    @Override
    public void close() {
        transport.close();
    }
}
