package io.casegate.cases.control;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.casegate.attachments.boundary.ExternalFileStore;
import io.casegate.crm.boundary.CrmCallObserver;
import io.casegate.crm.boundary.CrmCases;
import io.casegate.crm.boundary.ServiceCatalog;
import io.casegate.crm.entity.CrmContact;
import io.casegate.crm.entity.CrmFile;
import io.casegate.crm.entity.NewAccount;
import io.casegate.crm.entity.NewCase;
import io.casegate.crm.entity.NewContact;
import io.casegate.crm.entity.NewMessage;
import io.casegate.crm.entity.ServiceOption;
import io.casegate.platform.DurationConverter;
import io.casegate.cases.entity.OpenedCase;
import io.casegate.attachments.entity.AttachedFile;
import io.casegate.cases.entity.CaseRequest;

/**
 * Turns one submission into a contact, an organisation, a case with its number, the visitor's
 * message and the files in the CRM.
 * <p>
 * Exactly once: every record's id is derived from the submission ({@link RecordIds}); each completed
 * step is recorded in the {@link CaseProgress} and skipped on a later run; and on a later run, a
 * record whose step is not recorded is looked up by its id before it is created, because the CRM may
 * have committed it before the earlier run died.
 * <p>
 * As few calls as possible: the first run records that it has started before it sends anything, so
 * a run that finds no such record knows that nothing of this submission can be in the CRM, and looks
 * nothing up. Records are created in a fixed order (organisation, contact, case, message, files
 * sorted by id), so once a later run has had to create one, none of the later ones can exist either.
 * The case number is reported as soon as the case exists; the message and files follow.
 */
@ApplicationScoped
public class CaseWorkflow {

    private static final Logger LOG = Logger.getLogger(CaseWorkflow.class.getName());

    static final String ACCOUNT = "account";
    static final String CONTACT = "contact";
    static final String CASE = "case";
    static final String MESSAGE = "message";
    static final String FILE = "file:";
    /** Recorded before the first CRM call of the first run. */
    static final String STARTED = "started";
    /** The recorded result for "no organisation": some stores cannot keep an empty string. */
    private static final String NO_ACCOUNT = "none";

    CrmCases crm;
    ServiceCatalog catalog;
    ExternalFileStore externalFiles;
    Duration externalFileLifetime;

    @Resource
    ManagedExecutorService executor;

    public CaseWorkflow() {
    }

    @Inject
    public CaseWorkflow(CrmCases crm, ServiceCatalog catalog, ExternalFileStore externalFiles,
            @ConfigProperty(name = "casegate.external-files.lifetime", defaultValue = "30d") Duration externalFileLifetime) {
        this.crm = crm;
        this.catalog = catalog;
        this.externalFiles = externalFiles;
        this.externalFileLifetime = externalFileLifetime;
    }

    /** Runs {@link #deliver} on the container's managed executor. */
    public CompletionStage<OpenedCase> deliverAsync(CaseRequest request, CaseProgress progress) {
        return executor.supplyAsync(() -> deliver(request, progress));
    }

    /** Runs the steps that {@code progress} does not show as completed; safe to repeat after any failure. */
    public OpenedCase deliver(CaseRequest request, CaseProgress progress) {
        long started = System.nanoTime();
        CallCount calls = new CallCount(progress);
        Run run = new Run(request, progress, calls);
        CrmContact contact = run.contact();
        Run.Case createdCase = run.createCase(contact);
        UUID messageId = run.message(createdCase.id(), contact);
        run.files(createdCase.id(), messageId);
        LOG.info(() -> String.format("Delivered %s as case %s: %d CRM calls, %d logins, %d ms", request.reference(),
                createdCase.number(), calls.calls, calls.logins, (System.nanoTime() - started) / 1_000_000));
        return new OpenedCase(createdCase.id(), createdCase.number(), contact.id(), contact.accountId());
    }

    /** Counts one submission's CRM calls and passes them on to its progress. */
    static final class CallCount implements CrmCallObserver {
        private final CaseProgress progress;
        int calls;
        int logins;

        CallCount(CaseProgress progress) {
            this.progress = progress;
        }

        @Override
        public void call(String operation, int status, long millis) {
            calls++;
            progress.crmCall(operation, status, millis);
        }

        @Override
        public void login(boolean succeeded, long millis) {
            logins++;
            progress.crmCall(succeeded ? "login" : "login (failed)", succeeded ? 200 : 0, millis);
        }
    }

    /** One run of the steps for one submission. */
    private final class Run {

        record Case(UUID id, String number) {
        }

        private final CaseRequest request;
        private final CaseProgress progress;
        private final CallCount calls;
        /** The steps completed by earlier runs, read once. */
        private final Map<String, String> earlierResults;
        /**
         * Set on a first run, and once a later run created a record: every record not yet made is
         * then known not to exist.
         */
        private boolean laterRecordsCannotExist;

        Run(CaseRequest request, CaseProgress progress, CallCount calls) {
            this.request = request;
            this.progress = progress;
            this.calls = calls;
            this.earlierResults = progress.results();
            if (!earlierResults.containsKey(STARTED)) {
                progress.complete(STARTED, request.reference());
                laterRecordsCannotExist = true;
            }
        }

        private Optional<String> earlierResult(String step) {
            return Optional.ofNullable(earlierResults.get(step));
        }

        private UUID id(String step) {
            return RecordIds.of(request.submissionId(), step);
        }

        /** Whether the record of a step not yet recorded must be looked up before it is created. */
        private boolean mayExist(String step, java.util.function.Predicate<UUID> lookup) {
            return !laterRecordsCannotExist && lookup.test(id(step));
        }

        CrmContact contact() {
            Optional<String> recorded = earlierResult(CONTACT);
            if (recorded.isPresent()) {
                return parseContact(recorded.get());
            }
            CrmContact contact = crm.findContact(request.email(), request.phone(), calls).orElseGet(this::newContact);
            progress.complete(CONTACT, contact.id() + ";" + orNone(contact.accountId()));
            return contact;
        }

        private CrmContact newContact() {
            UUID accountId = account();
            UUID contactId = id(CONTACT);
            if (!mayExist(CONTACT, id -> crm.contactExists(id, calls))) {
                crm.createContact(new NewContact(contactId, request.name(), request.email(), request.phone(), accountId), calls);
                laterRecordsCannotExist = true;
            }
            return new CrmContact(contactId, accountId);
        }

        /** The visitor's organisation, found or created; null when the visitor named none. */
        private UUID account() {
            Optional<String> recorded = earlierResult(ACCOUNT);
            if (recorded.isPresent()) {
                return accountOrNull(recorded.get());
            }
            UUID accountId = crm.findAccount(request.inn(), request.organisation(), calls).orElseGet(() -> {
                if (request.organisation() == null || request.organisation().isBlank()) {
                    return null;
                }
                UUID created = id(ACCOUNT);
                if (!mayExist(ACCOUNT, id -> crm.accountExists(id, calls))) {
                    crm.createAccount(new NewAccount(created, request.organisation().strip(), request.inn()), calls);
                    laterRecordsCannotExist = true;
                }
                return created;
            });
            progress.complete(ACCOUNT, orNone(accountId));
            return accountId;
        }

        Case createCase(CrmContact contact) {
            Optional<String> recorded = earlierResult(CASE);
            if (recorded.isPresent()) {
                String[] parts = recorded.get().split(";", 2);
                Case resumed = new Case(UUID.fromString(parts[0]), parts[1]);
                progress.caseOpened(resumed.id(), resumed.number());
                return resumed;
            }
            UUID caseId = id(CASE);
            Optional<String> existing = laterRecordsCannotExist ? Optional.empty() : crm.caseNumber(caseId, calls);
            String number = existing.orElseGet(() -> {
                Optional<ServiceOption> service = service();
                String description = CaseDescription.of(request,
                        service.map(ServiceOption::name).orElse(request.service()), file -> !acceptedByCrm(file));
                String created = crm.createCase(new NewCase(caseId, request.subject(), description,
                        service.map(option -> uuid(option.id())).orElse(uuid(request.service())),
                        contact.id(), contact.accountId(), request.receivedOn()), calls);
                laterRecordsCannotExist = true;
                return created;
            });
            // The number first: the visitor is waiting for it. Should the run die before the step
            // is recorded, the next run finds the case by its id and reports it again.
            progress.caseOpened(caseId, number);
            progress.complete(CASE, caseId + ";" + number);
            return new Case(caseId, number);
        }

        /** The chosen service: a GUID is taken as it is, a name is looked up in the catalog. */
        private Optional<ServiceOption> service() {
            if (request.service() == null || request.service().isBlank()) {
                return Optional.empty();
            }
            return catalog.find(request.service(), calls);
        }

        UUID message(UUID caseId, CrmContact contact) {
            UUID messageId = id(MESSAGE);
            if (earlierResult(MESSAGE).isPresent()) {
                return messageId;
            }
            if (!mayExist(MESSAGE, id -> crm.messageExists(id, calls))) {
                crm.createMessage(new NewMessage(messageId, caseId, contact.id(), contact.accountId(), request.email(),
                        request.subject(), request.description(), request.receivedOn()), calls);
                laterRecordsCannotExist = true;
            }
            progress.complete(MESSAGE, messageId.toString());
            return messageId;
        }

        void files(UUID caseId, UUID messageId) {
            List<AttachedFile> inOrder = request.attachments().stream()
                    .sorted(Comparator.comparing(AttachedFile::id)).toList();
            for (AttachedFile attachment : inOrder) {
                String step = FILE + attachment.id();
                if (earlierResult(step).isPresent()) {
                    continue;
                }
                boolean toCrm = acceptedByCrm(attachment);
                CrmFile file = new CrmFile(id(step), caseId, messageId, attachment.fileName(), attachment.mediaType(),
                        attachment.size(), attachment.content()::open);
                Optional<Long> stored = laterRecordsCannotExist ? Optional.empty() : crm.fileSize(file, calls);
                // A stored file of the wrong size is the remains of an interrupted upload: upload it again.
                boolean complete = stored.isPresent() && (!toCrm || stored.get() == attachment.size());
                if (!complete) {
                    if (toCrm) {
                        crm.uploadFile(file, calls);
                    } else {
                        crm.attachLink(file, externalFiles.publish(attachment, externalFileLifetime).toString(), calls);
                    }
                    laterRecordsCannotExist = true;
                }
                progress.complete(step, file.id().toString());
            }
        }

        private boolean acceptedByCrm(AttachedFile attachment) {
            return crm.acceptsFile(attachment.fileName(), attachment.size());
        }

        private CrmContact parseContact(String recorded) {
            String[] parts = recorded.split(";", 2);
            return new CrmContact(UUID.fromString(parts[0]), parts.length < 2 ? null : accountOrNull(parts[1]));
        }
    }

    private static String orNone(UUID accountId) {
        return accountId == null ? NO_ACCOUNT : accountId.toString();
    }

    private static UUID accountOrNull(String recorded) {
        return recorded.isEmpty() || recorded.equals(NO_ACCOUNT) ? null : UUID.fromString(recorded);
    }

    private static UUID uuid(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
