package io.casegate.cases.control;

import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import io.casegate.attachments.entity.AttachedFile;
import io.casegate.cases.entity.CaseRequest;
import io.casegate.crm.boundary.CrmCases;
import io.casegate.crm.boundary.ServiceCatalog;
import io.casegate.crm.entity.CrmCallObserver;
import io.casegate.crm.entity.CrmContact;
import io.casegate.crm.entity.NewAccount;
import io.casegate.crm.entity.NewCase;
import io.casegate.crm.entity.NewContact;
import io.casegate.crm.entity.NewMessage;
import io.casegate.crm.entity.ServiceOption;

/**
 * The CRM records that one submission becomes, built in one place for both ways of sending them
 * (one request at a time, or in two round trips): their ids ({@link RecordIds}) and their contents.
 */
final class CaseRecords {

    private static final Logger LOG = Logger.getLogger(CaseRecords.class.getName());

    private final CaseRequest request;
    private final CrmCases crm;
    private final ServiceCatalog catalog;
    private final CrmCallObserver calls;

    CaseRecords(CaseRequest request, CrmCases crm, ServiceCatalog catalog, CrmCallObserver calls) {
        this.request = request;
        this.crm = crm;
        this.catalog = catalog;
        this.calls = calls;
    }

    /** The id of the record that this step creates, the same on every run. */
    UUID id(Step<?> step) {
        return RecordIds.of(request.submissionId(), step.name());
    }

    boolean namesOrganisation() {
        return request.organisation() != null && !request.organisation().isBlank();
    }

    NewAccount account(UUID id) {
        return new NewAccount(id, request.organisation().strip(), request.inn());
    }

    NewContact contact(UUID id, UUID accountId) {
        return new NewContact(id, request.name(), request.email(), request.phone(), accountId);
    }

    NewCase newCase(UUID id, CrmContact contact) {
        Optional<ServiceOption> service = service();
        String description = CaseDescription.of(
                request, service.map(ServiceOption::name).orElse(request.service()), file -> !acceptedByCrm(file));
        return new NewCase(
                id,
                request.subject(),
                description,
                service.flatMap(option -> serviceId(option.id())).orElse(null),
                contact.id(),
                contact.accountId(),
                request.receivedOn());
    }

    NewMessage message(UUID id, UUID caseId, CrmContact contact) {
        return new NewMessage(
                id,
                caseId,
                contact.id(),
                contact.accountId(),
                request.email(),
                request.subject(),
                CaseDescription.messageBody(request.description()),
                request.receivedOn());
    }

    boolean acceptedByCrm(AttachedFile attachment) {
        return crm.acceptsFile(attachment.fileName(), attachment.size());
    }

    /**
     * The chosen service: a name is looked up in the catalog, a GUID is taken as it is. A choice
     * that is neither leaves the case without a service (its name is in the description), and
     * says so in the log.
     */
    private Optional<ServiceOption> service() {
        if (request.service() == null || request.service().isBlank()) {
            return Optional.empty();
        }
        Optional<ServiceOption> found = catalog.find(request.service(), calls)
                .or(() -> Optional.of(new ServiceOption(request.service(), request.service())));
        if (found.flatMap(option -> serviceId(option.id())).isEmpty()) {
            LOG.warning(() -> request.reference() + ": the service \"" + request.service()
                    + "\" is neither a service id nor a service in the CRM; the case is opened without one");
        }
        return found;
    }

    private static Optional<UUID> serviceId(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text.strip()));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
