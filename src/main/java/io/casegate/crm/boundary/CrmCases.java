package io.casegate.crm.boundary;

import static io.casegate.platform.Jsonp.JSON;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.casegate.crm.control.CrmClient;
import io.casegate.crm.control.CrmSettings;
import io.casegate.crm.control.CrmTransport;
import io.casegate.crm.control.ODataLiterals;
import io.casegate.crm.entity.CrmCallObserver;
import io.casegate.crm.entity.CrmContact;
import io.casegate.crm.entity.CrmFile;
import io.casegate.crm.entity.CrmRejectedException;
import io.casegate.crm.entity.CrmUnavailableException;
import io.casegate.crm.entity.NewAccount;
import io.casegate.crm.entity.NewCase;
import io.casegate.crm.entity.NewContact;
import io.casegate.crm.entity.NewMessage;
import io.casegate.crm.entity.ServiceOption;

/**
 * The CRM in Casegate's terms: contacts, organisations, cases, messages and files. Everything
 * Creatio-specific (entity sets, column names, OData envelopes, the file service) stays in here.
 * Records are created with the ids the caller chooses, so that a repeated run can find them.
 */
@ApplicationScoped
public class CrmCases {

    /** Creatio's FileType lookup: a stored file, or a link whose URL is the row's Name. */
    static final String FILE_TYPE_FILE = "529bc2f8-0ee0-df11-971b-001d60e938c6";

    static final String FILE_TYPE_LINK = "539bc2f8-0ee0-df11-971b-001d60e938c6";
    private static final String ODATA = "/0/odata/";
    private static final String UPLOAD = "/0/rest/FileApiService/UploadFile";
    private static final int MAX_CONTACT_MATCHES = 20;

    @Inject
    CrmSettings settings;

    @Inject
    CrmClient client;

    public CrmCases() {}

    /** Wired by hand, for tests. */
    public CrmCases(CrmSettings settings, CrmClient client) {
        this.settings = settings;
        this.client = client;
    }

    /**
     * The contact with this e-mail (compared case-insensitively), else with this phone as mobile or
     * work phone; the oldest when several match. One request for both criteria.
     */
    public Optional<CrmContact> findContact(String email, String phone, CrmCallObserver observer) {
        List<String> criteria = new ArrayList<>();
        String wantedEmail =
                email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
        if (wantedEmail != null) {
            criteria.add("tolower(Email) eq " + ODataLiterals.string(wantedEmail));
        }
        if (phone != null && !phone.isBlank()) {
            criteria.add("MobilePhone eq " + ODataLiterals.string(phone));
            criteria.add("Phone eq " + ODataLiterals.string(phone));
        }
        if (criteria.isEmpty()) {
            return Optional.empty();
        }
        JsonObject found = client.get(
                "find contact",
                ODATA + "Contact",
                query(
                        "$filter",
                        String.join(" or ", criteria),
                        "$select",
                        "Id,AccountId,Email,CreatedOn",
                        "$orderby",
                        "CreatedOn asc",
                        "$top",
                        String.valueOf(MAX_CONTACT_MATCHES)),
                observer);
        List<JsonObject> rows = rows(found);
        Optional<JsonObject> byEmail = rows.stream()
                .filter(row -> wantedEmail != null
                        && wantedEmail.equals(text(row, "Email").toLowerCase(Locale.ROOT)))
                .findFirst();
        return byEmail.or(() -> rows.stream().findFirst())
                .map(row -> new CrmContact(
                        ODataLiterals.lookup(text(row, "Id")), ODataLiterals.lookup(text(row, "AccountId"))));
    }

    /**
     * The organisation with this INN when one is given and the CRM has an INN column
     * ({@code casegate.crm.account-inn-column}), else the one with exactly this name.
     */
    public Optional<UUID> findAccount(String inn, String name, CrmCallObserver observer) {
        String filter;
        if (inn != null && !inn.isBlank() && !settings.accountInnColumn().isEmpty()) {
            filter = settings.accountInnColumn() + " eq " + ODataLiterals.string(inn.strip());
        } else if (name != null && !name.isBlank()) {
            filter = "Name eq " + ODataLiterals.string(name.strip());
        } else {
            return Optional.empty();
        }
        JsonObject found = client.get(
                "find account",
                ODATA + "Account",
                query("$filter", filter, "$select", "Id,CreatedOn", "$orderby", "CreatedOn asc", "$top", "1"),
                observer);
        return rows(found).stream().findFirst().map(row -> ODataLiterals.lookup(text(row, "Id")));
    }

    public boolean accountExists(UUID id, CrmCallObserver observer) {
        return exists("Account", id, observer);
    }

    public void createAccount(NewAccount account, CrmCallObserver observer) {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("Id", ODataLiterals.guid(account.id()))
                .add("Name", account.name());
        if (account.inn() != null
                && !account.inn().isBlank()
                && !settings.accountInnColumn().isEmpty()) {
            body.add(settings.accountInnColumn(), account.inn().strip());
        }
        client.post("create account", ODATA + "Account", body.build(), observer);
    }

    public boolean contactExists(UUID id, CrmCallObserver observer) {
        return exists("Contact", id, observer);
    }

    public void createContact(NewContact contact, CrmCallObserver observer) {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("Id", ODataLiterals.guid(contact.id()))
                .add("Name", contact.name())
                .add("Email", contact.email() == null ? "" : contact.email().strip());
        if (contact.phone() != null) {
            body.add("MobilePhone", contact.phone());
        }
        if (contact.accountId() != null) {
            body.add("AccountId", ODataLiterals.guid(contact.accountId()));
        }
        client.post("create contact", ODATA + "Contact", body.build(), observer);
    }

    /** The number of the case with this id, if the case exists. */
    public Optional<String> caseNumber(UUID caseId, CrmCallObserver observer) {
        return client.find(
                        "read case",
                        ODATA + "Case(" + ODataLiterals.guid(caseId) + ")",
                        query("$select", "Id,Number"),
                        observer)
                .map(row -> text(row, "Number"));
    }

    /** Creates the case and answers the number the CRM gave it. */
    public String createCase(NewCase newCase, CrmCallObserver observer) {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("Id", ODataLiterals.guid(newCase.id()))
                .add("Subject", newCase.subject())
                .add("Symptoms", newCase.description())
                .add("ContactId", ODataLiterals.guid(newCase.contactId()))
                .add("RegisteredOn", ODataLiterals.dateTime(newCase.registeredOn()));
        if (newCase.accountId() != null) {
            body.add("AccountId", ODataLiterals.guid(newCase.accountId()));
        }
        if (newCase.serviceId() != null) {
            body.add("ServiceItemId", ODataLiterals.guid(newCase.serviceId()));
        } else if (!settings.defaultServiceId().isEmpty()) {
            body.add("ServiceItemId", settings.defaultServiceId());
        }
        if (!settings.caseOriginId().isEmpty()) {
            body.add("OriginId", settings.caseOriginId());
        }
        if (!settings.caseCategoryId().isEmpty()) {
            body.add("CategoryId", settings.caseCategoryId());
        }
        JsonObject created = client.post("create case", ODATA + "Case", body.build(), observer);
        String number = text(created, "Number");
        if (!number.isBlank()) {
            return number;
        }
        // Some builds answer 204 or omit generated columns; then the number has to be read.
        return caseNumber(newCase.id(), observer)
                .filter(read -> !read.isBlank())
                .orElseThrow(() -> new CrmUnavailableException(
                        "The CRM created case " + newCase.id() + " without a number", null));
    }

    public boolean messageExists(UUID id, CrmCallObserver observer) {
        return exists(messageEntity(), id, observer);
    }

    public void createMessage(NewMessage message, CrmCallObserver observer) {
        JsonObjectBuilder body = JSON.createObjectBuilder().add("Id", ODataLiterals.guid(message.id()));
        if (settings.messageTarget() == CrmSettings.MessageTarget.CASE_MESSAGE_HISTORY) {
            body.add("CaseId", ODataLiterals.guid(message.caseId())).add("Message", message.text());
        } else {
            String sentOn = ODataLiterals.dateTime(message.sentOn());
            body.add("CaseId", ODataLiterals.guid(message.caseId()))
                    .add("Title", message.subject())
                    .add("Body", message.text())
                    .add("Sender", message.senderEmail() == null ? "" : message.senderEmail())
                    .add("ContactId", ODataLiterals.guid(message.contactId()))
                    .add("StartDate", sentOn)
                    .add("DueDate", sentOn);
            if (message.accountId() != null) {
                body.add("AccountId", ODataLiterals.guid(message.accountId()));
            }
        }
        client.post("create message", ODATA + messageEntity(), body.build(), observer);
    }

    /** Whether the CRM accepts this file itself, or it must go to external storage as a link. */
    public boolean acceptsFile(String fileName, long size) {
        return size <= settings.maxFileSizeBytes() && !settings.isExternalFileType(fileName);
    }

    /** The size the CRM holds for this file record, if it exists (0 for a link). */
    public Optional<Long> fileSize(CrmFile file, CrmCallObserver observer) {
        FileOwner owner = owner(file);
        return client.find(
                        "read file",
                        ODATA + owner.entity + "(" + ODataLiterals.guid(file.id()) + ")",
                        query("$select", "Id,Size"),
                        observer)
                .map(row -> row.get("Size") instanceof JsonNumber size
                        ? size.longValue()
                        : row.get("Size") instanceof JsonString size
                                        && !size.getString().isBlank()
                                ? Long.parseLong(size.getString())
                                : 0L);
    }

    /** Uploads the file's bytes in chunks; the first chunk creates the file record with the given id. */
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
                "Data",
                "entitySchemaName",
                owner.entity,
                "parentColumnName",
                owner.parentColumn,
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
                headers.put(
                        "Content-Disposition", "attachment; filename*=UTF-8''" + CrmTransport.encode(file.fileName()));
                JsonObject answer = client.postBytes("upload file", UPLOAD, query, headers, chunk, observer);
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
        FileOwner owner = owner(file);
        JsonObject body = JSON.createObjectBuilder()
                .add("Id", ODataLiterals.guid(file.id()))
                .add(owner.parentColumn + "Id", ODataLiterals.guid(owner.parentId))
                .add("Name", url)
                .add("Notes", file.fileName())
                .add("TypeId", FILE_TYPE_LINK)
                .build();
        client.post("attach link", ODATA + owner.entity, body, observer);
    }

    /** The commercial services a visitor can choose, by name. */
    public List<ServiceOption> services(CrmCallObserver observer) {
        JsonObject found = client.get(
                "list services", ODATA + "ServiceItem", query("$select", "Id,Name", "$orderby", "Name asc"), observer);
        return rows(found).stream()
                .map(row -> new ServiceOption(text(row, "Id"), text(row, "Name")))
                .filter(option -> !option.name().isBlank())
                .toList();
    }

    private record FileOwner(String entity, String parentColumn, UUID parentId) {}

    private FileOwner owner(CrmFile file) {
        if (settings.attachmentTarget() == CrmSettings.AttachmentTarget.MESSAGE
                && file.messageId() != null
                && settings.messageTarget() == CrmSettings.MessageTarget.ACTIVITY) {
            return new FileOwner("ActivityFile", "Activity", file.messageId());
        }
        return new FileOwner("CaseFile", "Case", file.caseId());
    }

    private String messageEntity() {
        return settings.messageTarget() == CrmSettings.MessageTarget.CASE_MESSAGE_HISTORY
                ? "CaseMessageHistory"
                : "Activity";
    }

    private boolean exists(String entity, UUID id, CrmCallObserver observer) {
        return client.find(
                        "read " + entity,
                        ODATA + entity + "(" + ODataLiterals.guid(id) + ")",
                        query("$select", "Id"),
                        observer)
                .isPresent();
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
