package io.casegate.cases.control;

import java.time.Duration;
import java.time.Instant;
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
import io.casegate.crm.entity.CrmBatchRefusedException;
import io.casegate.crm.entity.CrmCallObserver;
import io.casegate.crm.entity.CrmContact;
import io.casegate.crm.entity.CrmFile;

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

    /**
     * How long after its intake a visitor waits for a submission's number (the form's wait): the
     * CRM requests of such a delivery go before a backlog's.
     */
    @Inject
    @ConfigProperty(name = "casegate.form.case-number-wait", defaultValue = "10s")
    Duration visitorWait = Duration.ofSeconds(10);

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
        CallCount calls = new CallCount(
                progress,
                request.receivedOn() != null
                        && request.receivedOn().plus(visitorWait).isAfter(Instant.now()));
        StepLog log = new StepLog(progress, request.reference());
        CaseRecords records = new CaseRecords(request, crm, catalog, calls);
        Run run = new Run(request, log, progress, calls, records);
        Optional<TwoRoundTrips.Outcome> batched = crm.acceptsBatches()
                ? inTwoRoundTrips(new TwoRoundTrips(request, crm, log, progress, calls, records))
                : Optional.empty();
        CrmContact contact;
        CaseRef opened;
        UUID messageId;
        if (batched.isPresent()) {
            contact = batched.get().contact();
            opened = batched.get().opened();
            messageId = batched.get().messageId();
            run.laterRecordsCannotExist |= batched.get().createdAny();
        } else {
            contact = run.contact();
            opened = run.openCase(contact);
            messageId = run.message(opened.id(), contact);
        }
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

    /**
     * Empty when the CRM refused the batch: it then ran none of it, and the run goes on one request
     * at a time, as with every later submission on this node.
     */
    private static Optional<TwoRoundTrips.Outcome> inTwoRoundTrips(TwoRoundTrips run) {
        try {
            return Optional.of(run.run());
        } catch (CrmBatchRefusedException refused) {
            return Optional.empty();
        }
    }

    /** Counts one submission's CRM calls and passes them on to its progress. */
    static final class CallCount implements CrmCallObserver {
        private final CaseProgress progress;
        private final boolean visitorWaiting;
        int calls;
        int logins;

        CallCount(CaseProgress progress, boolean visitorWaiting) {
            this.progress = progress;
            this.visitorWaiting = visitorWaiting;
        }

        @Override
        public boolean visitorWaiting() {
            return visitorWaiting;
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
        private final CaseRecords records;
        /** True on a first run, and once this run has created a record: no record not yet made can exist. */
        boolean laterRecordsCannotExist;

        Run(CaseRequest request, StepLog log, CaseProgress progress, CallCount calls, CaseRecords records) {
            this.request = request;
            this.log = log;
            this.progress = progress;
            this.calls = calls;
            this.records = records;
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
                UUID id = records.id(step);
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
                        crm.createContact(records.contact(id, accountId), calls);
                        return new CrmContact(id, accountId);
                    });
        }

        /** The visitor's organisation, found or created; empty when the visitor named none. */
        private Optional<UUID> account() {
            boolean named = records.namesOrganisation();
            return once(
                    Step.ACCOUNT,
                    () -> crm.findAccount(request.inn(), request.organisation(), calls)
                            .map(Optional::of)
                            .or(() -> named ? Optional.empty() : Optional.of(Optional.empty())),
                    id -> crm.accountExists(id, calls) ? Optional.of(Optional.of(id)) : Optional.empty(),
                    id -> {
                        crm.createAccount(records.account(id), calls);
                        return Optional.of(id);
                    });
        }

        CaseRef openCase(CrmContact contact) {
            return once(
                    Step.CASE,
                    Optional::empty,
                    id -> crm.caseNumber(id, calls).map(number -> TwoRoundTrips.numbered(new CaseRef(id, number))),
                    id -> new CaseRef(id, crm.createCase(records.newCase(id, contact), calls)),
                    // The number before the step is recorded: the visitor is waiting for it. Should the
                    // run die in between, the next run finds the case by its id and reports it again.
                    opened -> progress.caseOpened(opened.id(), opened.number()));
        }

        UUID message(UUID caseId, CrmContact contact) {
            return once(
                    Step.MESSAGE,
                    Optional::empty,
                    id -> crm.messageExists(id, calls) ? Optional.of(id) : Optional.empty(),
                    id -> {
                        crm.createMessage(records.message(id, caseId, contact), calls);
                        return id;
                    });
        }

        void files(UUID caseId, UUID messageId) {
            List<AttachedFile> inOrder = request.attachments().stream()
                    .sorted(Comparator.comparing(AttachedFile::id))
                    .toList();
            for (AttachedFile attachment : inOrder) {
                boolean toCrm = records.acceptedByCrm(attachment);
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
    }
}
