package io.casegate.crm.boundary;

import static io.casegate.platform.Jsonp.JSON;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.casegate.crm.control.CrmClient;
import io.casegate.crm.control.CrmMapping;
import io.casegate.crm.control.CrmSettings;
import io.casegate.crm.control.ODataLiterals;
import io.casegate.crm.control.PhoneDigits;
import io.casegate.crm.entity.CrmBatchRefusedException;
import io.casegate.crm.entity.CrmCallObserver;
import io.casegate.crm.entity.CrmContact;
import io.casegate.crm.entity.CrmException;
import io.casegate.crm.entity.CrmFile;
import io.casegate.crm.entity.CrmRejectedException;
import io.casegate.crm.entity.CrmUnavailableException;
import io.casegate.crm.entity.NewAccount;
import io.casegate.crm.entity.NewCase;
import io.casegate.crm.entity.NewContact;
import io.casegate.crm.entity.NewMessage;
import io.casegate.crm.entity.ServiceOption;
import io.casegate.platform.ContentDisposition;

/**
 * The CRM in Casegate's terms: contacts, organisations, cases, messages and files. Everything
 * Creatio-specific (OData envelopes, the file service) stays in here; every entity set, column and
 * lookup id it writes or searches comes from the {@link CrmMapping}. Records are created with the
 * ids the caller chooses, so that a repeated run can find them.
 */
@ApplicationScoped
public class CrmCases {

    private static final Logger LOG = Logger.getLogger(CrmCases.class.getName());

    private static final String ODATA = "/0/odata/";
    private static final int MAX_CONTACT_MATCHES = 20;

    /** Creatio's names of the base entity sets; the mapping may rename them. */
    private static final String CONTACT = "Contact";

    private static final String COMMUNICATION = "ContactCommunication";
    private static final String ACCOUNT = "Account";
    private static final String CASE = "Case";

    @Inject
    CrmSettings settings;

    @Inject
    CrmClient client;

    /** Set once the CRM has refused a {@code $batch}: this node sends no more until it restarts. */
    private final AtomicReference<String> batchRefusal = new AtomicReference<>();

    public CrmCases() {}

    /** Wired by hand, for tests. */
    public CrmCases(CrmSettings settings, CrmClient client) {
        this.settings = settings;
        this.client = client;
    }

    /**
     * One request to the CRM and the reading of its answer, defined once, whether it travels alone
     * ({@link #send}) or with others in one round trip ({@link #inOneRoundTrip}).
     */
    public static final class Request<T> {
        private final String operation;
        private final String method;
        private final String entitySet;
        private final Map<String, String> query;
        private final JsonObject body;
        private final Function<JsonObject, T> reader;

        private Request(
                String operation,
                String method,
                String entitySet,
                Map<String, String> query,
                JsonObject body,
                Function<JsonObject, T> reader) {
            this.operation = operation;
            this.method = method;
            this.entitySet = entitySet;
            this.query = query;
            this.body = body;
            this.reader = reader;
        }

        private static <T> Request<T> read(
                String operation, String entitySet, Map<String, String> query, Function<JsonObject, T> reader) {
            return new Request<>(operation, "GET", entitySet, query, null, reader);
        }

        private static <T> Request<T> create(
                String operation, String entitySet, JsonObject body, Function<JsonObject, T> reader) {
            return new Request<>(operation, "POST", entitySet, Map.of(), body, reader);
        }

        public String operation() {
            return operation;
        }

        private CrmClient.BatchPart part() {
            return new CrmClient.BatchPart(method, entitySet, query, body);
        }
    }

    /**
     * What one round trip answered: each request's result, or the failure that stopped the round
     * trip. The requests after a failed one did not run ({@link #ran}), so what the CRM holds is
     * exactly the successful requests before it.
     */
    public static final class RoundTrip {
        private final Map<Request<?>, Object> results = new IdentityHashMap<>();
        private CrmException failure;

        /** The request's result; throws if it failed or did not run. */
        @SuppressWarnings("unchecked")
        public <T> T result(Request<T> request) {
            if (!results.containsKey(request)) {
                throw failure != null
                        ? failure
                        : new IllegalStateException(request.operation + " was not part of this round trip");
            }
            return (T) results.get(request);
        }

        public boolean succeeded(Request<?> request) {
            return results.containsKey(request);
        }

        /** The failure that stopped the round trip, if one did. */
        public Optional<CrmException> failure() {
            return Optional.ofNullable(failure);
        }
    }

    /**
     * Whether several requests may travel as one {@code $batch}: unless batches are switched off
     * ({@code casegate.crm.batch-requests}) or the CRM has refused one since this node started.
     */
    public boolean acceptsBatches() {
        return settings.batchRequests() && batchRefusal.get() == null;
    }

    /** Why this node sends no batches (switched off, or the CRM's refusal), if it sends none. */
    public Optional<String> batchRefusal() {
        return settings.batchRequests() ? Optional.ofNullable(batchRefusal.get()) : Optional.of("switched off");
    }

    /** The result of one request sent alone. */
    public <T> T send(Request<T> request, CrmCallObserver observer) {
        JsonObject answer = request.method.equals("GET")
                ? client.get(request.operation, ODATA + request.entitySet, request.query, observer)
                : client.post(request.operation, ODATA + request.entitySet, request.body, observer);
        return request.reader.apply(answer);
    }

    /**
     * The requests in one round trip: one {@code $batch} (a single request goes alone). The CRM runs
     * them in this order and stops at the first failure, which the answer carries. A CRM that refuses
     * the batch ran none of it: that is remembered (this node sends no more batches) and thrown as
     * {@link CrmBatchRefusedException}, so that the caller can send the same requests one at a time.
     */
    public RoundTrip inOneRoundTrip(String operation, List<Request<?>> requests, CrmCallObserver observer) {
        RoundTrip trip = new RoundTrip();
        if (requests.size() == 1) {
            Request<?> only = requests.get(0);
            try {
                trip.results.put(only, send(only, observer));
            } catch (CrmException failed) {
                trip.failure = failed;
            }
            return trip;
        }
        if (requests.isEmpty()) {
            return trip;
        }
        if (!acceptsBatches()) {
            throw new CrmBatchRefusedException(
                    operation + ": batches are not sent (" + batchRefusal().orElse("") + ")");
        }
        List<CrmClient.PartAnswer> answers;
        try {
            answers = client.batch(
                    operation, ODATA, requests.stream().map(Request::part).toList(), observer);
        } catch (CrmBatchRefusedException refused) {
            if (batchRefusal.compareAndSet(null, refused.getMessage())) {
                LOG.warning(() -> "The CRM refused a $batch; this node sends its requests one at a time from now on"
                        + " (until it restarts): " + refused.getMessage());
            }
            throw refused;
        }
        for (int i = 0; i < requests.size(); i++) {
            Request<?> request = requests.get(i);
            CrmClient.PartAnswer answer = answers.get(i);
            if (answer.succeeded()) {
                trip.results.put(request, request.reader.apply(answer.body()));
            } else if (answer.ran()) {
                trip.failure = CrmClient.failure(request.operation, answer);
                break;
            } else {
                // Creatio stops at the first failure; a part left without an answer did not run.
                trip.failure = new CrmUnavailableException(
                        operation + ": the CRM answered no part from " + request.operation + " on", null);
                break;
            }
        }
        return trip;
    }

    /**
     * The contact with this e-mail, else with this phone, among every e-mail and phone a contact has
     * (the CRM's communication rows, not only the contact's primary columns); the oldest contact
     * when several match. One request for both criteria, the contact's organisation included.
     * <p>
     * Only {@code $filter} functions that Creatio documents: e-mails by {@code Number eq} as typed and
     * lower-cased, and by {@code SearchNumber} (Creatio keeps e-mails lower-cased there); phones by
     * {@code startswith(SearchNumber, …)}, the number's last ten digits reversed (Creatio keeps a
     * phone's digits reversed there), then compared by their digits here, so {@code +7 916 555-44-33},
     * {@code 8 (916) 5554433} and {@code 79165554433} are one number.
     */
    public Optional<CrmContact> findContact(String email, String phone, CrmCallObserver observer) {
        return contactSearch(email, phone).flatMap(search -> send(search, observer));
    }

    /** The request of {@link #findContact}; empty when there is neither an e-mail nor a phone to look for. */
    public Optional<Request<Optional<CrmContact>>> contactSearch(String email, String phone) {
        CrmMapping mapping = settings.mapping();
        String type = mapping.navigation(COMMUNICATION, "CommunicationTypeId") + "/Id";
        String number = mapping.column(COMMUNICATION, "Number");
        String searchNumber = mapping.column(COMMUNICATION, "SearchNumber");
        List<String> criteria = new ArrayList<>();
        String typedEmail = email == null || email.isBlank() ? null : email.strip();
        String wantedEmail = typedEmail == null ? null : typedEmail.toLowerCase(Locale.ROOT);
        if (wantedEmail != null) {
            Set<String> values = new LinkedHashSet<>(List.of(typedEmail, wantedEmail));
            List<String> any = new ArrayList<>();
            values.forEach(value -> any.add(number + " eq " + ODataLiterals.string(value)));
            any.add(searchNumber + " eq " + ODataLiterals.string(wantedEmail));
            criteria.add("(" + type + " eq " + ODataLiterals.guid(mapping.emailCommunicationType()) + " and ("
                    + String.join(" or ", any) + "))");
        }
        String wantedPhone = PhoneDigits.national(phone);
        if (wantedPhone.length() >= PhoneDigits.MIN_DIGITS
                && !mapping.phoneCommunicationTypes().isEmpty()) {
            String types = mapping.phoneCommunicationTypes().stream()
                    .map(id -> type + " eq " + ODataLiterals.guid(id))
                    .collect(Collectors.joining(" or "));
            criteria.add("((" + types + ") and startswith(" + searchNumber + ", "
                    + ODataLiterals.string(PhoneDigits.reversed(wantedPhone)) + "))");
        }
        if (criteria.isEmpty()) {
            return Optional.empty();
        }
        String contactNavigation = mapping.navigation(COMMUNICATION, "ContactId");
        String contactId = mapping.column(COMMUNICATION, "ContactId");
        String typeId = mapping.column(COMMUNICATION, "CommunicationTypeId");
        String created = mapping.column(CONTACT, "CreatedOn");
        String accountId = mapping.column(CONTACT, "AccountId");
        return Optional.of(Request.read(
                "find contact",
                mapping.communicationEntity(),
                query(
                        "$filter",
                        String.join(" or ", criteria),
                        "$select",
                        String.join(",", "Id", contactId, typeId, number),
                        "$expand",
                        contactNavigation + "($select=Id," + accountId + "," + created + ")",
                        "$orderby",
                        mapping.column(COMMUNICATION, "CreatedOn") + " asc",
                        "$top",
                        String.valueOf(MAX_CONTACT_MATCHES)),
                found -> {
                    List<JsonObject> byEmail = new ArrayList<>();
                    List<JsonObject> byPhone = new ArrayList<>();
                    for (JsonObject row : rows(found)) {
                        if (!(row.get(contactNavigation) instanceof JsonObject contact)) {
                            continue;
                        }
                        UUID rowType = ODataLiterals.lookup(text(row, typeId));
                        String value = text(row, number);
                        if (wantedEmail != null
                                && mapping.emailCommunicationType().equals(rowType)
                                && wantedEmail.equals(value.strip().toLowerCase(Locale.ROOT))) {
                            byEmail.add(contact);
                        } else if (mapping.phoneCommunicationTypes().contains(rowType)
                                && wantedPhone.length() >= PhoneDigits.MIN_DIGITS
                                && wantedPhone.equals(PhoneDigits.national(value))) {
                            byPhone.add(contact);
                        }
                    }
                    return (byEmail.isEmpty() ? byPhone : byEmail)
                            .stream()
                                    .min(Comparator.comparing(contact -> text(contact, created)))
                                    .map(contact -> new CrmContact(
                                            ODataLiterals.lookup(text(contact, "Id")),
                                            ODataLiterals.lookup(text(contact, accountId))));
                }));
    }

    /**
     * The organisation with this INN when one is given and the CRM has an INN column
     * ({@code casegate.crm.account-inn-column}), else the one with exactly this name.
     */
    public Optional<UUID> findAccount(String inn, String name, CrmCallObserver observer) {
        return accountSearch(inn, name).flatMap(search -> send(search, observer));
    }

    /** The request of {@link #findAccount}; empty when there is neither an INN to look for nor a name. */
    public Optional<Request<Optional<UUID>>> accountSearch(String inn, String name) {
        CrmMapping mapping = settings.mapping();
        Optional<String> innColumn = mapping.accountInnColumn();
        String filter;
        if (inn != null && !inn.isBlank() && innColumn.isPresent()) {
            filter = innColumn.get() + " eq " + ODataLiterals.string(inn.strip());
        } else if (name != null && !name.isBlank()) {
            filter = mapping.column(ACCOUNT, "Name") + " eq " + ODataLiterals.string(name.strip());
        } else {
            return Optional.empty();
        }
        String created = mapping.column(ACCOUNT, "CreatedOn");
        return Optional.of(Request.read(
                "find account",
                mapping.entity(ACCOUNT),
                query("$filter", filter, "$select", "Id," + created, "$orderby", created + " asc", "$top", "1"),
                found -> rows(found).stream().findFirst().map(row -> ODataLiterals.lookup(text(row, "Id")))));
    }

    public boolean accountExists(UUID id, CrmCallObserver observer) {
        return send(accountById(id), observer);
    }

    public Request<Boolean> accountById(UUID id) {
        return exists(ACCOUNT, id);
    }

    /** The organisation, with its INN only when the CRM has a column for it (else the INN is in the case's description). */
    public void createAccount(NewAccount account, CrmCallObserver observer) {
        send(newAccount(account), observer);
    }

    public Request<Boolean> newAccount(NewAccount account) {
        CrmMapping mapping = settings.mapping();
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("Id", ODataLiterals.guid(account.id()))
                .add(mapping.column(ACCOUNT, "Name"), account.name());
        if (account.inn() != null && !account.inn().isBlank()) {
            mapping.accountInnColumn()
                    .ifPresent(column -> body.add(column, account.inn().strip()));
        }
        return Request.create("create account", mapping.entity(ACCOUNT), body.build(), created -> true);
    }

    public boolean contactExists(UUID id, CrmCallObserver observer) {
        return send(contactById(id), observer);
    }

    public Request<Boolean> contactById(UUID id) {
        return exists(CONTACT, id);
    }

    /** The contact, with its e-mail and mobile phone: the CRM makes them the contact's communication rows. */
    public void createContact(NewContact contact, CrmCallObserver observer) {
        send(newContact(contact), observer);
    }

    public Request<Boolean> newContact(NewContact contact) {
        CrmMapping mapping = settings.mapping();
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("Id", ODataLiterals.guid(contact.id()))
                .add(mapping.column(CONTACT, "Name"), contact.name())
                .add(
                        mapping.column(CONTACT, "Email"),
                        contact.email() == null ? "" : contact.email().strip());
        if (contact.phone() != null) {
            body.add(mapping.column(CONTACT, "MobilePhone"), contact.phone());
        }
        if (contact.accountId() != null) {
            body.add(mapping.column(CONTACT, "AccountId"), ODataLiterals.guid(contact.accountId()));
        }
        return Request.create("create contact", mapping.entity(CONTACT), body.build(), created -> true);
    }

    /** The number of the case with this id, if the case exists. */
    public Optional<String> caseNumber(UUID caseId, CrmCallObserver observer) {
        return send(caseById(caseId), observer);
    }

    /** The request of {@link #caseNumber}. */
    public Request<Optional<String>> caseById(UUID caseId) {
        CrmMapping mapping = settings.mapping();
        String number = mapping.column(CASE, "Number");
        return Request.read(
                "read case",
                mapping.caseEntity(),
                query("$filter", "Id eq " + ODataLiterals.guid(caseId), "$select", "Id," + number),
                found -> rows(found).stream().findFirst().map(row -> text(row, number)));
    }

    /** Creates the case and answers the number the CRM gave it. */
    public String createCase(NewCase newCase, CrmCallObserver observer) {
        String number = send(newCase(newCase), observer);
        if (!number.isBlank()) {
            return number;
        }
        return numberOfCreated(newCase.id(), observer);
    }

    /**
     * The number of a case just created whose answer carried none: some builds answer 204 or omit
     * generated columns; then the number has to be read.
     */
    public String numberOfCreated(UUID caseId, CrmCallObserver observer) {
        return caseNumber(caseId, observer)
                .filter(read -> !read.isBlank())
                .orElseThrow(() ->
                        new CrmUnavailableException("The CRM created case " + caseId + " without a number", null));
    }

    /** The request that creates the case; its result is the number in the CRM's answer, blank when there is none. */
    public Request<String> newCase(NewCase newCase) {
        CrmMapping mapping = settings.mapping();
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("Id", ODataLiterals.guid(newCase.id()))
                .add(mapping.column(CASE, "Subject"), newCase.subject())
                .add(mapping.column(CASE, "Symptoms"), newCase.description())
                .add(mapping.column(CASE, "ContactId"), ODataLiterals.guid(newCase.contactId()))
                .add(mapping.column(CASE, "RegisteredOn"), ODataLiterals.dateTime(newCase.registeredOn()));
        if (newCase.accountId() != null) {
            body.add(mapping.column(CASE, "AccountId"), ODataLiterals.guid(newCase.accountId()));
        }
        mapping.serviceCaseColumn()
                .ifPresent(column -> Optional.ofNullable(newCase.serviceId())
                        .or(mapping::defaultServiceId)
                        .ifPresent(service -> body.add(column, ODataLiterals.guid(service))));
        // Each id left out ("none") takes the CRM's own default (CaseOriginDef, CasePriorityDef, CaseStatusDef).
        mapping.caseOriginId().ifPresent(id -> body.add(mapping.column(CASE, "OriginId"), ODataLiterals.guid(id)));
        mapping.caseCategoryId().ifPresent(id -> body.add(mapping.column(CASE, "CategoryId"), ODataLiterals.guid(id)));
        mapping.casePriorityId().ifPresent(id -> body.add(mapping.column(CASE, "PriorityId"), ODataLiterals.guid(id)));
        mapping.caseStatusId().ifPresent(id -> body.add(mapping.column(CASE, "StatusId"), ODataLiterals.guid(id)));
        String number = mapping.column(CASE, "Number");
        return Request.create("create case", mapping.caseEntity(), body.build(), created -> text(created, number));
    }

    public boolean messageExists(UUID id, CrmCallObserver observer) {
        return send(messageById(id), observer);
    }

    public Request<Boolean> messageById(UUID id) {
        return exists(
                settings.mapping().messageTarget() == CrmMapping.MessageTarget.CASE_MESSAGE_HISTORY
                        ? "CaseMessageHistory"
                        : "Activity",
                id);
    }

    /**
     * The visitor's message on the case: by default an incoming e-mail Activity, completed, so that
     * it shows on the case's processing tab as the e-mail it stands for rather than as an open task
     * of the integration user (Creatio's defaults for an Activity without these columns); or a row of
     * the case's message history with its notifier.
     */
    public void createMessage(NewMessage message, CrmCallObserver observer) {
        send(newMessage(message), observer);
    }

    public Request<Boolean> newMessage(NewMessage message) {
        CrmMapping mapping = settings.mapping();
        JsonObjectBuilder body = JSON.createObjectBuilder().add("Id", ODataLiterals.guid(message.id()));
        if (mapping.messageTarget() == CrmMapping.MessageTarget.CASE_MESSAGE_HISTORY) {
            String history = "CaseMessageHistory";
            body.add(mapping.column(history, "CaseId"), ODataLiterals.guid(message.caseId()))
                    .add(mapping.column(history, "Message"), message.text());
            mapping.messageNotifierId()
                    .ifPresent(id -> body.add(mapping.column(history, "MessageNotifierId"), ODataLiterals.guid(id)));
        } else {
            String activity = "Activity";
            String sentOn = ODataLiterals.dateTime(message.sentOn());
            body.add(mapping.column(activity, "CaseId"), ODataLiterals.guid(message.caseId()))
                    .add(mapping.column(activity, "Title"), message.subject())
                    .add(mapping.column(activity, "Body"), message.text())
                    .add(mapping.column(activity, "Sender"), message.senderEmail() == null ? "" : message.senderEmail())
                    .add(mapping.column(activity, "ContactId"), ODataLiterals.guid(message.contactId()))
                    .add(mapping.column(activity, "StartDate"), sentOn)
                    .add(mapping.column(activity, "DueDate"), sentOn);
            if (message.accountId() != null) {
                body.add(mapping.column(activity, "AccountId"), ODataLiterals.guid(message.accountId()));
            }
            mapping.activityTypeId()
                    .ifPresent(id -> body.add(mapping.column(activity, "TypeId"), ODataLiterals.guid(id)));
            mapping.activityMessageTypeId()
                    .ifPresent(id -> body.add(mapping.column(activity, "MessageTypeId"), ODataLiterals.guid(id)));
            mapping.activityStatusId()
                    .ifPresent(id -> body.add(mapping.column(activity, "StatusId"), ODataLiterals.guid(id)));
            mapping.activityCategoryId()
                    .ifPresent(id -> body.add(mapping.column(activity, "ActivityCategoryId"), ODataLiterals.guid(id)));
            mapping.activityOwnerId()
                    .ifPresent(id -> body.add(mapping.column(activity, "OwnerId"), ODataLiterals.guid(id)));
        }
        return Request.create("create message", mapping.messageEntity(), body.build(), created -> true);
    }

    /** Whether the CRM accepts this file itself, or it must go to external storage as a link. */
    public boolean acceptsFile(String fileName, long size) {
        return size <= settings.maxFileSizeBytes() && !settings.isExternalFileType(fileName);
    }

    /** The size the CRM holds for this file record, if it exists (0 for a link). */
    public Optional<Long> fileSize(CrmFile file, CrmCallObserver observer) {
        FileOwner owner = owner(file);
        String column = settings.mapping().column(owner.files.logical(), "Size");
        return client.find(
                        "read file",
                        ODATA + owner.files.entity() + "(" + ODataLiterals.guid(file.id()) + ")",
                        query("$select", "Id," + column),
                        observer)
                .map(row -> row.get(column) instanceof JsonNumber size
                        ? size.longValue()
                        : row.get(column) instanceof JsonString size
                                        && !size.getString().isBlank()
                                ? Long.parseLong(size.getString())
                                : 0L);
    }

    /**
     * Uploads the file's bytes in chunks through the file service ({@code UploadFile} on 8.x, the
     * 7.x {@code Upload} by configuration: same parameters); the first chunk creates the file record
     * with the given id.
     */
    public void uploadFile(CrmFile file, CrmCallObserver observer) {
        FileOwner owner = owner(file);
        Map<String, String> query = query(
                "fileId",
                file.id().toString(),
                "totalFileLength",
                String.valueOf(file.size()),
                "mimeType",
                file.mediaType() == null || file.mediaType().isBlank() ? "application/octet-stream" : file.mediaType(),
                "fileName",
                file.fileName(),
                "columnName",
                settings.mapping().column(owner.files.logical(), "Data"),
                "entitySchemaName",
                owner.files.entity(),
                "parentColumnName",
                settings.mapping().navigation(owner.files.logical(), owner.files.logicalParentColumn()),
                "parentColumnValue",
                owner.parentId.toString());
        int chunkSize = (int) Math.max(1, Math.min(settings.uploadChunkBytes(), file.size()));
        try (InputStream content = file.content().open()) {
            // One buffer for all full chunks of the file: a chunk of 512 KB is a humongous object
            // for G1 at a small heap, allocated in the old generation; one per chunk filled it.
            // The request is over (retries included) before the buffer is filled again.
            byte[] buffer = new byte[chunkSize];
            long offset = 0;
            do {
                int length =
                        content.readNBytes(buffer, 0, (int) Math.min(chunkSize, Math.max(0, file.size() - offset)));
                byte[] chunk = length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
                if (chunk.length == 0 && offset < file.size()) {
                    throw new UncheckedIOException(new IOException(
                            file.fileName() + " ended after " + offset + " of " + file.size() + " bytes"));
                }
                Map<String, String> headers = new LinkedHashMap<>();
                if (file.size() > 0) {
                    headers.put(
                            "Content-Range", "bytes " + offset + "-" + (offset + chunk.length - 1) + "/" + file.size());
                }
                headers.put("Content-Disposition", ContentDisposition.attachment(file.fileName()));
                JsonObject answer = client.postBytes(
                        "upload file", settings.mapping().uploadPath(), query, headers, chunk, observer);
                if (answer.get("success") == JsonValue.FALSE) {
                    throw new CrmRejectedException(
                            200,
                            "upload file was refused: "
                                    + CrmClient.reason(answer).orElse(answer.toString()));
                }
                offset += chunk.length;
            } while (offset < file.size());
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Casegate could not read " + file.fileName(), unreadable);
        }
    }

    /** A link row: the URL is the row's name, the original file name its note. */
    public void attachLink(CrmFile file, String url, CrmCallObserver observer) {
        CrmMapping mapping = settings.mapping();
        FileOwner owner = owner(file);
        String files = owner.files.logical();
        JsonObject body = JSON.createObjectBuilder()
                .add("Id", ODataLiterals.guid(file.id()))
                .add(mapping.column(files, owner.files.logicalParentColumn()), ODataLiterals.guid(owner.parentId))
                .add(mapping.column(files, "Name"), url)
                .add(mapping.column(files, "Notes"), file.fileName())
                .add(mapping.column(files, "TypeId"), ODataLiterals.guid(mapping.linkFileTypeId()))
                .build();
        client.post("attach link", ODATA + owner.files.entity(), body, observer);
    }

    /**
     * The commercial services a visitor can choose, by name: the rows of the service lookup
     * ({@code casegate.crm.service.entity-set}), filtered by {@code casegate.crm.service.filter} when
     * one is set (say, active services only).
     */
    public List<ServiceOption> services(CrmCallObserver observer) {
        CrmMapping mapping = settings.mapping();
        String entity = mapping.serviceEntitySet();
        String name = mapping.column(entity, "Name");
        Map<String, String> query = query("$select", "Id," + name, "$orderby", name + " asc");
        mapping.serviceFilter().ifPresent(filter -> query.put("$filter", filter));
        JsonObject found = client.get("list services", ODATA + entity, query, observer);
        return rows(found).stream()
                .map(row -> new ServiceOption(text(row, "Id"), text(row, name)))
                .filter(option -> !option.name().isBlank())
                .toList();
    }

    private record FileOwner(CrmMapping.FileOwnerSet files, UUID parentId) {}

    private FileOwner owner(CrmFile file) {
        CrmMapping.FileOwnerSet files = settings.mapping().fileOwnerSet();
        boolean onMessage = files.logicalOwner().equals("Activity") && file.messageId() != null;
        return onMessage
                ? new FileOwner(files, file.messageId())
                : new FileOwner(
                        new CrmMapping.FileOwnerSet(
                                settings.mapping().entity("CaseFile"), "CaseFile", "Case", "CaseId"),
                        file.caseId());
    }

    /** Whether the record of this base entity set (Creatio's name) exists: a query, so that "no" is an empty answer, not a 404. */
    private Request<Boolean> exists(String logicalEntity, UUID id) {
        return Request.read(
                "read " + logicalEntity,
                settings.mapping().entity(logicalEntity),
                query("$filter", "Id eq " + ODataLiterals.guid(id), "$select", "Id"),
                found -> !rows(found).isEmpty());
    }

    private static Map<String, String> query(String... namesAndValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return query;
    }

    private static List<JsonObject> rows(JsonObject collection) {
        return collection.getJsonArray("value") == null
                ? List.of()
                : collection.getJsonArray("value").getValuesAs(JsonObject.class);
    }

    private static String text(JsonObject row, String column) {
        JsonValue value = row.get(column);
        return value instanceof JsonString string
                ? string.getString()
                : value == null || value == JsonValue.NULL ? "" : value.toString();
    }
}
