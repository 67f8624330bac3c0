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

import io.casegate.sandbox.http.SandboxException;

/**
 * The entity sets of the case flow with the columns of a Creatio 8 install (base packages, case
 * management, SLM), plus a custom {@code INN} column on Account as a Russian install would have.
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

    private static final Map<String, EntityType> TYPES = new LinkedHashMap<>();

    static {
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
                of("Notes", TEXT),
                of("INN", TEXT));
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
        define(
                ACTIVITY,
                of("Title", TEXT),
                of("Body", TEXT),
                foreignLookup("TypeId"),
                foreignLookup("ActivityCategoryId"),
                lookup("CaseId", CASE),
                of("Sender", TEXT),
                of("Recepient", TEXT),
                of("StartDate", DATE_TIME),
                of("DueDate", DATE_TIME),
                foreignLookup("StatusId"),
                lookup("ContactId", CONTACT),
                lookup("AccountId", ACCOUNT),
                lookup("OwnerId", CONTACT));
        define(
                CASE_MESSAGE_HISTORY,
                lookup("CaseId", CASE),
                of("Message", TEXT),
                foreignLookup("MessageNotifierId"),
                of("RecordId", GUID),
                of("HasAttachment", BOOLEAN));
    }

    private Schema() {}

    private static void define(String name, Column... specific) {
        List<Column> columns = new ArrayList<>();
        columns.add(of("Id", GUID));
        columns.addAll(Arrays.asList(specific));
        columns.add(of("CreatedOn", DATE_TIME));
        columns.add(lookup("CreatedById", CONTACT));
        columns.add(of("ModifiedOn", DATE_TIME));
        columns.add(lookup("ModifiedById", CONTACT));
        columns.add(of("ProcessListeners", INTEGER));
        TYPES.put(name, new EntityType(name, columns));
    }

    static Optional<EntityType> type(String entitySet) {
        return Optional.ofNullable(TYPES.get(entitySet));
    }

    public static EntityType require(String entitySet) {
        return type(entitySet)
                .orElseThrow(() -> SandboxException.notFound("The entity set '" + entitySet + "' does not exist."));
    }

    static Collection<EntityType> types() {
        return TYPES.values();
    }
}
