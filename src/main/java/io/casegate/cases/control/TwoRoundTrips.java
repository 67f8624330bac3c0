package io.casegate.cases.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.casegate.cases.control.Step.CaseRef;
import io.casegate.cases.entity.CaseRequest;
import io.casegate.crm.boundary.CrmCases;
import io.casegate.crm.boundary.CrmCases.Request;
import io.casegate.crm.boundary.CrmCases.RoundTrip;
import io.casegate.crm.entity.CrmCallObserver;
import io.casegate.crm.entity.CrmContact;
import io.casegate.crm.entity.CrmUnavailableException;

/**
 * The organisation, the contact, the case and the visitor's message in two round trips to the CRM,
 * whoever the visitor is: one {@code $batch} learns what exists (the contact by the visitor's e-mail
 * and phone, the organisation, and on a later run the records of this submission by their ids), one
 * creates what is missing, in the order in which they reference each other. The ids are derived
 * from the submission ({@link RecordIds}), so the contact can name its organisation and the case its
 * contact before either exists. The number comes back in the case's answer.
 * <p>
 * Exactly once, as in {@link CaseWorkflow}: what a run completed is in its {@link StepLog}; a run
 * that is not the first looks up by id what it did not record, because the CRM may hold it. A batch
 * runs in order and stops at its first failure (Creatio's rule without {@code continue-on-error}),
 * so what the CRM holds after a failed or interrupted batch is a prefix of it, which the next run
 * finds by those ids.
 */
final class TwoRoundTrips {

    /** What the run left in the CRM; {@code createdAny} when it created a record (then no later one can exist). */
    record Outcome(CrmContact contact, CaseRef opened, UUID messageId, boolean createdAny) {}

    private final CaseRequest request;
    private final CrmCases crm;
    private final StepLog log;
    private final CaseProgress progress;
    private final CrmCallObserver calls;
    private final CaseRecords records;

    TwoRoundTrips(
            CaseRequest request,
            CrmCases crm,
            StepLog log,
            CaseProgress progress,
            CrmCallObserver calls,
            CaseRecords records) {
        this.request = request;
        this.crm = crm;
        this.log = log;
        this.progress = progress;
        this.calls = calls;
        this.records = records;
    }

    Outcome run() {
        boolean rerun = !log.firstRun();
        Optional<CrmContact> recordedContact = log.recorded(Step.CONTACT);
        Optional<Optional<UUID>> recordedAccount = log.recorded(Step.ACCOUNT);
        Optional<CaseRef> recordedCase = log.recorded(Step.CASE);
        Optional<UUID> recordedMessage = log.recorded(Step.MESSAGE);
        UUID accountId = records.id(Step.ACCOUNT);
        UUID contactId = records.id(Step.CONTACT);
        UUID caseId = records.id(Step.CASE);
        UUID messageId = records.id(Step.MESSAGE);

        // The first round trip: everything that may exist already. The organisation is looked for
        // alongside the contact, though a contact that is found brings its own: it costs no round trip.
        boolean contactOpen = recordedContact.isEmpty();
        boolean accountOpen = contactOpen && recordedAccount.isEmpty() && records.namesOrganisation();
        Request<Optional<CrmContact>> contactSearch = contactOpen
                ? crm.contactSearch(request.email(), request.phone()).orElse(null)
                : null;
        Request<Boolean> contactById = contactOpen && rerun ? crm.contactById(contactId) : null;
        Request<Optional<UUID>> accountSearch = accountOpen
                ? crm.accountSearch(request.inn(), request.organisation()).orElse(null)
                : null;
        Request<Boolean> accountById = accountOpen && rerun ? crm.accountById(accountId) : null;
        Request<Optional<String>> caseById = recordedCase.isEmpty() && rerun ? crm.caseById(caseId) : null;
        Request<Boolean> messageById = recordedMessage.isEmpty() && rerun ? crm.messageById(messageId) : null;
        RoundTrip found = crm.inOneRoundTrip(
                "look up (batch)",
                present(contactSearch, contactById, accountSearch, accountById, caseById, messageById),
                calls);
        found.failure().ifPresent(failure -> {
            throw failure;
        });

        // What is missing, in the order in which the records reference each other.
        List<Request<?>> creates = new ArrayList<>();
        Request<Boolean> createAccount = null;
        Request<Boolean> createContact = null;
        Optional<UUID> account = Optional.empty();
        boolean accountResolved = false;
        CrmContact contact = recordedContact.orElse(null);
        if (contact == null) {
            contact = contactSearch == null ? null : found.result(contactSearch).orElse(null);
        }
        if (contact == null) {
            if (recordedAccount.isPresent()) {
                account = recordedAccount.get();
            } else if (records.namesOrganisation()) {
                account = (accountSearch == null ? Optional.<UUID>empty() : found.result(accountSearch))
                        .or(() -> accountById != null && found.result(accountById)
                                ? Optional.of(accountId)
                                : Optional.empty());
                if (account.isEmpty()) {
                    createAccount = crm.newAccount(records.account(accountId));
                    creates.add(createAccount);
                    account = Optional.of(accountId);
                }
                accountResolved = true;
            } else {
                accountResolved = true;
            }
            contact = new CrmContact(contactId, account.orElse(null));
            if (contactById == null || !found.result(contactById)) {
                createContact = crm.newContact(records.contact(contactId, account.orElse(null)));
                creates.add(createContact);
            }
        }
        CaseRef opened = recordedCase.orElse(null);
        if (opened == null && caseById != null) {
            opened = found.result(caseById)
                    .map(number -> numbered(new CaseRef(caseId, number)))
                    .orElse(null);
        }
        Request<String> createCase = null;
        if (opened == null) {
            createCase = crm.newCase(records.newCase(caseId, contact));
            creates.add(createCase);
        }
        UUID message = recordedMessage.orElse(messageById != null && found.result(messageById) ? messageId : null);
        Request<Boolean> createMessage = null;
        if (message == null) {
            createMessage = crm.newMessage(records.message(messageId, caseId, contact));
            creates.add(createMessage);
        }

        // The second round trip: the operation's name starts with "create", so that a visitor's
        // turn knows that a create may be in doubt when no answer comes (VisitorTurn).
        RoundTrip made = crm.inOneRoundTrip("create records (batch)", creates, calls);
        if (createCase != null && made.succeeded(createCase)) {
            String number = made.result(createCase);
            opened = new CaseRef(caseId, number.isBlank() ? crm.numberOfCreated(caseId, calls) : number);
        }
        // The number first, the visitor is waiting for it; then what this run completed, in order.
        if (opened != null) {
            progress.caseOpened(opened.id(), opened.number());
        }
        if (accountResolved && completed(made, createAccount)) {
            log.record(Step.ACCOUNT, account);
        }
        if (recordedContact.isEmpty() && completed(made, createAccount) && completed(made, createContact)) {
            log.record(Step.CONTACT, contact);
        }
        if (recordedCase.isEmpty() && opened != null) {
            log.record(Step.CASE, opened);
        }
        if (recordedMessage.isEmpty() && opened != null && completed(made, createMessage)) {
            log.record(Step.MESSAGE, messageId);
        }
        made.failure().ifPresent(failure -> {
            throw failure;
        });
        return new Outcome(contact, opened, messageId, !creates.isEmpty());
    }

    /** Nothing to create, or created. */
    private static boolean completed(RoundTrip made, Request<?> create) {
        return create == null || made.succeeded(create);
    }

    /**
     * The case as found by its id, once the CRM has given it a number. A case without one is not
     * accepted for good (the visitor would see «№ » and nothing): the attempt fails as the CRM's
     * momentary state, and a later attempt reads it again.
     */
    static CaseRef numbered(CaseRef found) {
        if (!found.hasNumber()) {
            throw new CrmUnavailableException(
                    "The CRM holds case " + found.id() + " without a number yet; it is read again later", null);
        }
        return found;
    }

    private static List<Request<?>> present(Request<?>... requests) {
        return Arrays.stream(requests).filter(Objects::nonNull).toList();
    }
}
