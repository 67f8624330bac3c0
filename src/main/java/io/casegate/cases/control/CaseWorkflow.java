package io.casegate.cases.control;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.casegate.attachments.boundary.ExternalFileStore;
import io.casegate.attachments.entity.AttachedFile;
import io.casegate.cases.control.Step.CaseRef;
import io.casegate.cases.entity.CaseRequest;
import io.casegate.cases.entity.OpenedCase;
import io.casegate.crm.boundary.CrmCases;
import io.casegate.crm.boundary.ServiceCatalog;
import io.casegate.crm.entity.CrmCallObserver;
import io.casegate.crm.entity.CrmContact;
import io.casegate.crm.entity.CrmFile;
import io.casegate.crm.entity.CrmUnavailableException;
import io.casegate.crm.entity.NewAccount;
import io.casegate.crm.entity.NewCase;
import io.casegate.crm.entity.NewContact;
import io.casegate.crm.entity.NewMessage;
import io.casegate.crm.entity.ServiceOption;

/**
 * Turns one submission into a contact, an organisation, a case with its number, the visitor's
 * message and the files in the CRM.
 * <p>
 * Exactly once, in one place ({@link Run#once}): every record's id is derived from the submission
 * ({@link RecordIds}); each completed step is recorded in the {@link CaseProgress} and skipped on a
 * later run; and on a later run, a record whose step is not recorded is looked up by its id before
 * it is created, because the CRM may have committed it before the earlier run died.
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

    @Inject
    CrmCases crm;

    @Inject
    ServiceCatalog catalog;

    @Inject
    ExternalFileStore externalFiles;

    @Inject
    @ConfigProperty(name = "casegate.external-files.lifetime", defaultValue = "30d")
    Duration externalFileLifetime;

    @Resource
    ManagedExecutorService executor;

    public CaseWorkflow() {}

    /** Wired by hand, for tests that run the workflow with CRM settings of their own. */
    public CaseWorkflow(
            CrmCases crm, ServiceCatalog catalog, ExternalFileStore externalFiles, Duration externalFileLifetime) {
        this.crm = crm;
        this.catalog = catalog;
        this.externalFiles = externalFiles;
        this.externalFileLifetime = externalFileLifetime;
    }

    /** Runs {@link #open} on the container's managed executor. */
    public CompletionStage<OpenedCase> openAsync(CaseRequest request, CaseProgress progress) {
        return executor.supplyAsync(() -> open(request, progress));
    }

    /** Runs the steps that {@code progress} does not show as completed; safe to repeat after any failure. */
    public OpenedCase open(CaseRequest request, CaseProgress progress) {
        long started = System.nanoTime();
        CallCount calls = new CallCount(progress);
        Run run = new Run(request, new StepLog(progress, request.reference()), progress, calls);
        CrmContact contact = run.contact();
        CaseRef opened = run.openCase(contact);
        UUID messageId = run.message(opened.id(), contact);
        run.files(opened.id(), messageId);
        LOG.info(() -> String.format(
                "Delivered %s as case %s: %d CRM calls, %d logins, %d ms",
                request.reference(),
                opened.number(),
                calls.calls,
                calls.logins,
                (System.nanoTime() - started) / 1_000_000));
        return new OpenedCase(opened.id(), opened.number(), contact.id(), contact.accountId());
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
            progress.crmLogin(succeeded, millis);
        }
    }

    /** One run of the steps for one submission. */
    private final class Run {

        private final CaseRequest request;
        private final StepLog log;
        private final CaseProgress progress;
        private final CallCount calls;
        /** True on a first run, and once this run has created a record: no record not yet made can exist. */
        private boolean laterRecordsCannotExist;

        Run(CaseRequest request, StepLog log, CaseProgress progress, CallCount calls) {
            this.request = request;
            this.log = log;
            this.progress = progress;
            this.calls = calls;
            this.laterRecordsCannotExist = log.firstRun();
        }

        /**
         * The result of {@code step}, exactly once: as an earlier run recorded it; else as
         * {@code search} finds it among what the CRM held before (a returning visitor's contact);
         * else the step's own record (its id derived from the submission), looked up by that id
         * when an earlier run may have created it, and created when not. {@code announce} learns the
         * result before it is recorded, on every run.
         */
        private <T> T once(
                Step<T> step,
                Supplier<Optional<T>> search,
                Function<UUID, Optional<T>> findById,
                Function<UUID, T> create,
                Consumer<T> announce) {
            Optional<T> recorded = log.recorded(step);
            if (recorded.isPresent()) {
                announce.accept(recorded.get());
                return recorded.get();
            }
            T result = search.get().orElseGet(() -> {
                UUID id = RecordIds.of(request.submissionId(), step.name());
                Optional<T> existing = laterRecordsCannotExist ? Optional.empty() : findById.apply(id);
                return existing.orElseGet(() -> {
                    T created = create.apply(id);
                    laterRecordsCannotExist = true;
                    return created;
                });
            });
            announce.accept(result);
            log.record(step, result);
            return result;
        }

        private <T> T once(
                Step<T> step,
                Supplier<Optional<T>> search,
                Function<UUID, Optional<T>> findById,
                Function<UUID, T> create) {
            return once(step, search, findById, create, result -> {});
        }

        CrmContact contact() {
            return once(
                    Step.CONTACT,
                    // Not found: the organisation comes first, so that the contact can be linked to it.
                    () -> crm.findContact(request.email(), request.phone(), calls)
                            .or(() -> {
                                account();
                                return Optional.empty();
                            }),
                    id -> crm.contactExists(id, calls)
                            ? Optional.of(new CrmContact(id, account().orElse(null)))
                            : Optional.empty(),
                    id -> {
                        UUID accountId = account().orElse(null);
                        crm.createContact(
                                new NewContact(id, request.name(), request.email(), request.phone(), accountId), calls);
                        return new CrmContact(id, accountId);
                    });
        }

        /** The visitor's organisation, found or created; empty when the visitor named none. */
        private Optional<UUID> account() {
            boolean named =
                    request.organisation() != null && !request.organisation().isBlank();
            return once(
                    Step.ACCOUNT,
                    () -> crm.findAccount(request.inn(), request.organisation(), calls)
                            .map(Optional::of)
                            .or(() -> named ? Optional.empty() : Optional.of(Optional.empty())),
                    id -> crm.accountExists(id, calls) ? Optional.of(Optional.of(id)) : Optional.empty(),
                    id -> {
                        crm.createAccount(
                                new NewAccount(id, request.organisation().strip(), request.inn()), calls);
                        return Optional.of(id);
                    });
        }

        CaseRef openCase(CrmContact contact) {
            return once(
                    Step.CASE,
                    Optional::empty,
                    id -> crm.caseNumber(id, calls).map(number -> numbered(new CaseRef(id, number))),
                    id -> {
                        Optional<ServiceOption> service = service();
                        String description = CaseDescription.of(
                                request,
                                service.map(ServiceOption::name).orElse(request.service()),
                                file -> !acceptedByCrm(file));
                        return new CaseRef(
                                id,
                                crm.createCase(
                                        new NewCase(
                                                id,
                                                request.subject(),
                                                description,
                                                service.flatMap(option -> serviceId(option.id()))
                                                        .orElse(null),
                                                contact.id(),
                                                contact.accountId(),
                                                request.receivedOn()),
                                        calls));
                    },
                    // The number before the step is recorded: the visitor is waiting for it. Should the
                    // run die in between, the next run finds the case by its id and reports it again.
                    opened -> progress.caseOpened(opened.id(), opened.number()));
        }

        /**
         * The case as found by its id, once the CRM has given it a number. A case without one is not
         * accepted for good (the visitor would see «№ » and nothing): the attempt fails as the CRM's
         * momentary state, and a later attempt reads it again.
         */
        private CaseRef numbered(CaseRef found) {
            if (!found.hasNumber()) {
                throw new CrmUnavailableException(
                        "The CRM holds case " + found.id() + " without a number yet; it is read again later", null);
            }
            return found;
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

        UUID message(UUID caseId, CrmContact contact) {
            return once(
                    Step.MESSAGE,
                    Optional::empty,
                    id -> crm.messageExists(id, calls) ? Optional.of(id) : Optional.empty(),
                    id -> {
                        crm.createMessage(
                                new NewMessage(
                                        id,
                                        caseId,
                                        contact.id(),
                                        contact.accountId(),
                                        request.email(),
                                        request.subject(),
                                        CaseDescription.messageBody(request.description()),
                                        request.receivedOn()),
                                calls);
                        return id;
                    });
        }

        void files(UUID caseId, UUID messageId) {
            List<AttachedFile> inOrder = request.attachments().stream()
                    .sorted(Comparator.comparing(AttachedFile::id))
                    .toList();
            for (AttachedFile attachment : inOrder) {
                boolean toCrm = acceptedByCrm(attachment);
                Function<UUID, CrmFile> file = id -> new CrmFile(
                        id,
                        caseId,
                        messageId,
                        attachment.fileName(),
                        attachment.mediaType(),
                        attachment.size(),
                        attachment.content());
                once(
                        Step.file(attachment.id()),
                        Optional::empty,
                        // A stored file of the wrong size is the remains of an interrupted upload: upload it again.
                        id -> crm.fileSize(file.apply(id), calls)
                                .filter(stored -> !toCrm || stored == attachment.size())
                                .map(complete -> id),
                        id -> {
                            if (toCrm) {
                                crm.uploadFile(file.apply(id), calls);
                            } else {
                                crm.attachLink(
                                        file.apply(id),
                                        externalFiles
                                                .publish(attachment, externalFileLifetime)
                                                .toString(),
                                        calls);
                            }
                            return id;
                        });
            }
        }

        private boolean acceptedByCrm(AttachedFile attachment) {
            return crm.acceptsFile(attachment.fileName(), attachment.size());
        }
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
