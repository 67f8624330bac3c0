package io.casegate.sandbox.odata;

import static io.casegate.sandbox.odata.Column.foreignLookup;
import static io.casegate.sandbox.odata.Column.lookup;
import static io.casegate.sandbox.odata.Column.of;
import static io.casegate.sandbox.odata.ColumnType.BINARY;
import static io.casegate.sandbox.odata.ColumnType.BOOLEAN;
import static io.casegate.sandbox.odata.ColumnType.DATE_TIME;
import static io.casegate.sandbox.odata.ColumnType.GUID;
import static io.casegate.sandbox.odata.ColumnType.INTEGER;
import static io.casegate.sandbox.odata.ColumnType.TEXT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.casegate.sandbox.http.SandboxException;

/**
 * The entity sets of the case flow with the columns of a base Creatio 8 service install (base packages,
 * case management, SLM). A base install has no tax-id column on Account; a custom one (Creatio names
 * custom columns with the {@code Usr} prefix, e.g. {@code UsrINN}) can be added by configuration.
 */
public final class Schema {

    public static final String CONTACT = "Contact";
    public static final String ACCOUNT = "Account";
    public static final String CASE = "Case";
    public static final String SERVICE_ITEM = "ServiceItem";
    public static final String CASE_STATUS = "CaseStatus";
    public static final String CASE_ORIGIN = "CaseOrigin";
    static final String CASE_CATEGORY = "CaseCategory";
    public static final String CASE_PRIORITY = "CasePriority";
    public static final String CASE_FILE = "CaseFile";
    public static final String ACTIVITY = "Activity";
    public static final String CASE_MESSAGE_HISTORY = "CaseMessageHistory";
    static final String CONTACT_COMMUNICATION = "ContactCommunication";
    static final String COMMUNICATION_TYPE = "CommunicationType";
    static final String ACTIVITY_TYPE = "ActivityType";
    static final String ACTIVITY_STATUS = "ActivityStatus";
    static final String ACTIVITY_CATEGORY = "ActivityCategory";
    static final String ACTIVITY_PRIORITY = "ActivityPriority";
    /** The lookup behind Activity.MessageType (incoming / outgoing): EmailTypeSchema.CrtBase.cs. */
    static final String EMAIL_TYPE = "EmailType";

    static final String MESSAGE_NOTIFIER = "MessageNotifier";
    /** FileTypeSchema.CrtBase.cs: File, Link, Link to object (the TypeId of every file detail). */
    static final String FILE_TYPE = "FileType";

    private static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}");

    private final Map<String, EntityType> types = new LinkedHashMap<>();
    private final Optional<String> accountInnColumn;

    /** @param accountInnColumn a custom text column on Account for the tax id, e.g. {@code UsrINN}; empty for none */
    public Schema(Optional<String> accountInnColumn) {
        define(
                CONTACT,
                of("Name", TEXT),
                of("Surname", TEXT),
                of("GivenName", TEXT),
                of("MiddleName", TEXT),
                of("Email", TEXT),
                of("MobilePhone", TEXT),
                of("Phone", TEXT),
                of("HomePhone", TEXT),
                lookup("AccountId", ACCOUNT),
                of("JobTitle", TEXT),
                foreignLookup("TypeId"),
                lookup("OwnerId", CONTACT),
                of("Address", TEXT),
                foreignLookup("CityId"),
                foreignLookup("CountryId"),
                of("Notes", TEXT),
                foreignLookup("LanguageId"),
                of("Confirmed", BOOLEAN));
        define(
                ACCOUNT,
                of("Name", TEXT),
                of("Code", TEXT),
                foreignLookup("TypeId"),
                lookup("OwnerId", CONTACT),
                lookup("PrimaryContactId", CONTACT),
                lookup("ParentId", ACCOUNT),
                foreignLookup("IndustryId"),
                of("Phone", TEXT),
                of("Web", TEXT),
                of("Address", TEXT),
                foreignLookup("CityId"),
                foreignLookup("CountryId"),
                of("AlternativeName", TEXT),
                of("Notes", TEXT));
        define(
                CASE,
                of("Number", TEXT),
                of("RegisteredOn", DATE_TIME),
                of("Subject", TEXT),
                of("Symptoms", TEXT),
                lookup("OwnerId", CONTACT),
                foreignLookup("GroupId"),
                lookup("StatusId", CASE_STATUS),
                lookup("PriorityId", CASE_PRIORITY),
                lookup("OriginId", CASE_ORIGIN),
                lookup("AccountId", ACCOUNT),
                lookup("ContactId", CONTACT),
                lookup("CategoryId", CASE_CATEGORY),
                lookup("ServiceItemId", SERVICE_ITEM),
                of("ResponseDate", DATE_TIME),
                of("SolutionDate", DATE_TIME),
                of("RespondedOn", DATE_TIME),
                of("SolutionProvidedOn", DATE_TIME),
                of("ClosureDate", DATE_TIME),
                foreignLookup("ClosureCodeId"),
                of("Solution", TEXT),
                of("Notes", TEXT),
                of("ResponseOverdue", BOOLEAN),
                of("SolutionOverdue", BOOLEAN),
                lookup("ParentCaseId", CASE));
        define(
                SERVICE_ITEM,
                of("Name", TEXT),
                of("Description", TEXT),
                foreignLookup("StatusId"),
                lookup("CaseCategoryId", CASE_CATEGORY),
                lookup("OwnerId", CONTACT),
                of("Notes", TEXT));
        define(
                CASE_STATUS,
                of("Name", TEXT),
                of("Description", TEXT),
                of("IsFinal", BOOLEAN),
                of("IsResolved", BOOLEAN),
                of("IsPaused", BOOLEAN),
                of("StageNumber", INTEGER));
        define(CASE_ORIGIN, of("Name", TEXT), of("Description", TEXT));
        define(CASE_CATEGORY, of("Name", TEXT), of("Description", TEXT));
        define(CASE_PRIORITY, of("Name", TEXT), of("Description", TEXT));
        define(
                CASE_FILE,
                of("Name", TEXT),
                of("Notes", TEXT),
                of("Data", BINARY),
                foreignLookup("TypeId"),
                of("Version", INTEGER),
                of("Size", INTEGER),
                of("TotalSize", INTEGER),
                foreignLookup("SysFileStorageId"),
                foreignLookup("FileGroupId"),
                lookup("LockedById", CONTACT),
                of("LockedOn", DATE_TIME),
                of("Tag", TEXT),
                lookup("CaseId", CASE),
                of("IsNeedToNotify", BOOLEAN));
        // ActivitySchema.CrtBase.cs, plus Case (CrtCaseManagmentObject) and IsNotPublished (CaseService).
        define(
                ACTIVITY,
                of("Title", TEXT),
                of("StartDate", DATE_TIME),
                of("DueDate", DATE_TIME),
                lookup("PriorityId", ACTIVITY_PRIORITY),
                lookup("AuthorId", CONTACT),
                lookup("OwnerId", CONTACT),
                lookup("TypeId", ACTIVITY_TYPE),
                lookup("ActivityCategoryId", ACTIVITY_CATEGORY),
                of("ShowInScheduler", BOOLEAN),
                lookup("StatusId", ACTIVITY_STATUS),
                lookup("AccountId", ACCOUNT),
                lookup("ContactId", CONTACT),
                of("Sender", TEXT),
                of("Recepient", TEXT),
                of("CopyRecepient", TEXT),
                of("BlindCopyRecepient", TEXT),
                of("Body", TEXT),
                of("Notes", TEXT),
                of("Color", TEXT),
                of("SendDate", DATE_TIME),
                lookup("MessageTypeId", EMAIL_TYPE),
                of("IsHtmlBody", BOOLEAN),
                lookup("OrganizerId", CONTACT),
                foreignLookup("CallDirectionId"),
                lookup("CaseId", CASE),
                of("ServiceProcessed", BOOLEAN),
                of("IsNotPublished", BOOLEAN));
        // BaseMessageHistorySchema.Message.cs and CaseMessageHistorySchema.CaseService.cs.
        define(
                CASE_MESSAGE_HISTORY,
                lookup("CaseId", CASE),
                of("Message", TEXT),
                lookup("MessageNotifierId", MESSAGE_NOTIFIER),
                of("RecordId", GUID),
                of("HasAttachment", BOOLEAN));
        // Lookups (BaseLookup: Name, Description; BaseCodeLookup adds Code).
        define(ACTIVITY_TYPE, of("Name", TEXT), of("Description", TEXT), of("Code", TEXT));
        define(ACTIVITY_STATUS, of("Name", TEXT), of("Description", TEXT), of("Code", TEXT), of("Finish", BOOLEAN));
        define(ACTIVITY_CATEGORY, of("Name", TEXT), of("Description", TEXT), lookup("ActivityTypeId", ACTIVITY_TYPE));
        define(ACTIVITY_PRIORITY, of("Name", TEXT), of("Description", TEXT));
        define(EMAIL_TYPE, of("Name", TEXT), of("Description", TEXT), of("Code", TEXT));
        define(FILE_TYPE, of("Name", TEXT), of("Description", TEXT));
        define(
                MESSAGE_NOTIFIER,
                of("Name", TEXT),
                of("Description", TEXT),
                of("SchemaUId", GUID),
                of("ClassName", TEXT),
                of("AliasNotifier", TEXT),
                of("HistoryV2ClassName", TEXT));
        define(
                CONTACT_COMMUNICATION,
                lookup("ContactId", CONTACT),
                lookup("CommunicationTypeId", COMMUNICATION_TYPE),
                of("Number", TEXT),
                of("SearchNumber", TEXT),
                of("Primary", BOOLEAN),
                of("Position", INTEGER),
                of("SocialMediaId", TEXT),
                of("NonActual", BOOLEAN),
                foreignLookup("NonActualReasonId"),
                of("DateSetNonActual", DATE_TIME),
                of("IsCreatedBySynchronization", BOOLEAN),
                of("ExternalCommunicationType", TEXT));
        define(
                COMMUNICATION_TYPE,
                of("Name", TEXT),
                of("Description", TEXT),
                of("UseforAccounts", BOOLEAN),
                of("UseforContacts", BOOLEAN));
        accountInnColumn.ifPresent(this::addAccountInnColumn);
        this.accountInnColumn = accountInnColumn;
    }

    /** The custom tax-id column on Account, if the sandbox plays an install that has one. */
    public Optional<String> accountInnColumn() {
        return accountInnColumn;
    }

    private void addAccountInnColumn(String name) {
        if (!COLUMN_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("casegate.sandbox.account-inn-column: '" + name
                    + "' is not a column name (letters, digits and _, starting with a letter).");
        }
        EntityType account = types.get(ACCOUNT);
        if (account.hasColumn(name)) {
            throw new IllegalArgumentException(
                    "casegate.sandbox.account-inn-column: Account already has a column '" + name + "'.");
        }
        List<Column> columns = new ArrayList<>(account.columns());
        // Custom columns come after the schema's own, before the system columns, as Creatio lists them.
        columns.add(columns.size() - 5, of(name, TEXT));
        types.put(ACCOUNT, new EntityType(ACCOUNT, columns));
    }

    private void define(String name, Column... specific) {
        List<Column> columns = new ArrayList<>();
        columns.add(of("Id", GUID));
        columns.addAll(Arrays.asList(specific));
        columns.add(of("CreatedOn", DATE_TIME));
        columns.add(lookup("CreatedById", CONTACT));
        columns.add(of("ModifiedOn", DATE_TIME));
        columns.add(lookup("ModifiedById", CONTACT));
        columns.add(of("ProcessListeners", INTEGER));
        types.put(name, new EntityType(name, columns));
    }

    Optional<EntityType> type(String entitySet) {
        return Optional.ofNullable(types.get(entitySet));
    }

    public EntityType require(String entitySet) {
        return type(entitySet)
                .orElseThrow(() -> SandboxException.notFound("The entity set '" + entitySet + "' does not exist."));
    }

    Collection<EntityType> types() {
        return types.values();
    }
}
