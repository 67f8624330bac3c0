package io.casegate.crm.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;

import io.casegate.crm.entity.MappingRequirement;

/**
 * Which entity sets, columns and lookup records of the CRM the workflow writes and searches. The
 * defaults fit a base Creatio 8 with the customer-service package; every key, its default and the
 * source of that default are in the mapping table of docs/crm.md.
 * <p>
 * An optional column or id is switched off with the word {@value #NONE}: MicroProfile Config treats
 * an empty value as missing, so an empty environment variable would bring the default back.
 * Entity sets and columns without a key of their own (the base schema's) can still be renamed, for
 * a CRM that differs, through {@value #RENAME}.
 */
public final class CrmMapping {

    public static final String NONE = "none";

    public static final String RENAME = "casegate.crm.rename";
    public static final String ACCOUNT_INN_COLUMN = "casegate.crm.account-inn-column";
    public static final String SERVICE_ENTITY_SET = "casegate.crm.service.entity-set";
    public static final String SERVICE_CASE_COLUMN = "casegate.crm.service.case-column";
    public static final String SERVICE_FILTER = "casegate.crm.service.filter";
    public static final String DEFAULT_SERVICE_ID = "casegate.crm.default-service-id";
    public static final String EMAIL_COMMUNICATION_TYPE = "casegate.crm.communication-type.email";
    public static final String PHONE_COMMUNICATION_TYPES = "casegate.crm.communication-type.phones";
    public static final String CASE_ORIGIN_ID = "casegate.crm.case-origin-id";
    public static final String CASE_CATEGORY_ID = "casegate.crm.case-category-id";
    public static final String CASE_PRIORITY_ID = "casegate.crm.case-priority-id";
    public static final String CASE_STATUS_ID = "casegate.crm.case-status-id";
    public static final String MESSAGE_TARGET = "casegate.crm.message-target";
    public static final String ACTIVITY_TYPE_ID = "casegate.crm.activity.type-id";
    public static final String ACTIVITY_MESSAGE_TYPE_ID = "casegate.crm.activity.message-type-id";
    public static final String ACTIVITY_STATUS_ID = "casegate.crm.activity.status-id";
    public static final String ACTIVITY_CATEGORY_ID = "casegate.crm.activity.category-id";
    public static final String ACTIVITY_OWNER_ID = "casegate.crm.activity.owner-id";
    public static final String MESSAGE_NOTIFIER_ID = "casegate.crm.message-history.notifier-id";
    public static final String ATTACHMENT_TARGET = "casegate.crm.attachment-target";
    public static final String LINK_FILE_TYPE_ID = "casegate.crm.file-type.link-id";
    public static final String UPLOAD_PATH = "casegate.crm.upload-path";

    /** Creatio's "Incident" case category (CaseConsts.CrtCaseManagmentObject.cs). */
    public static final String INCIDENT_CATEGORY = "1b0bc159-150a-e111-a31b-00155d04c01d";

    /** CommunicationTypeConsts.CrtBaseConsts.cs: EmailId. */
    static final String EMAIL_TYPE = "ee1c85c3-cfcb-df11-9b2a-001d60e938c6";
    /** CommunicationTypeConsts: mobile, work, home, main, additional and other phone (not fax, not extension). */
    static final String PHONE_TYPES = "d4a2dc80-30ca-df11-9b2a-001d60e938c6,3dddb3cc-53ee-49c4-a71f-e9e257f59e49,"
            + "0da6a26b-d7bc-df11-b00f-001d60e938c6,6a3fb10c-67cc-df11-9b2a-001d60e938c6,"
            + "2b387201-67cc-df11-9b2a-001d60e938c6,21c0d693-9a52-43fa-b7f1-c6d8b53975d4";
    /** ConfigurationConstants.CrtNUI.js: Activity.Type.Email, MessageType.Incoming, Status.Done, ActivityCategory.Email. */
    static final String ACTIVITY_TYPE_EMAIL = "e2831dec-cfc0-df11-b00f-001d60e938c6";

    static final String MESSAGE_TYPE_INCOMING = "7f9d1f86-f36b-1410-068c-20cf30b39373";
    static final String ACTIVITY_STATUS_DONE = "4bdbb88f-58e6-df11-971b-001d60e938c6";
    static final String ACTIVITY_CATEGORY_EMAIL = "8038a396-7825-e011-8165-00155d043204";
    /** LocalMessageHelper.LocalMessage.cs and CaseRatingManagementService: the "local message" notifier. */
    static final String NOTIFIER_LOCAL = "ed501edb-8ebf-4c76-a35d-6f23be243043";
    /** ConfigurationConstants.CrtNUI.js: FileType.Link. */
    static final String FILE_TYPE_LINK = "539bc2f8-0ee0-df11-971b-001d60e938c6";

    static final String UPLOAD_FILE_PATH = "/0/rest/FileApiService/UploadFile";

    /** Where the visitor's message is written: an Activity linked by CaseId, or the case's message history. */
    public enum MessageTarget {
        ACTIVITY,
        CASE_MESSAGE_HISTORY
    }

    /** Where files are attached: the case (CaseFile) or the message (ActivityFile). */
    public enum AttachmentTarget {
        CASE,
        MESSAGE
    }

    private final Map<String, String> renames;
    private final Optional<String> accountInnColumn;
    private final String serviceEntitySet;
    private final Optional<String> serviceCaseColumn;
    private final Optional<String> serviceFilter;
    private final Optional<UUID> defaultServiceId;
    private final UUID emailCommunicationType;
    private final List<UUID> phoneCommunicationTypes;
    private final Optional<UUID> caseOriginId;
    private final Optional<UUID> caseCategoryId;
    private final Optional<UUID> casePriorityId;
    private final Optional<UUID> caseStatusId;
    private final MessageTarget messageTarget;
    private final Optional<UUID> activityTypeId;
    private final Optional<UUID> activityMessageTypeId;
    private final Optional<UUID> activityStatusId;
    private final Optional<UUID> activityCategoryId;
    private final Optional<UUID> activityOwnerId;
    private final Optional<UUID> messageNotifierId;
    private final AttachmentTarget attachmentTarget;
    private final UUID linkFileTypeId;
    private final String uploadPath;

    private CrmMapping(Config config) {
        renames = renames(text(config, RENAME).orElse(""));
        accountInnColumn = optional(config, ACCOUNT_INN_COLUMN, NONE);
        serviceEntitySet = text(config, SERVICE_ENTITY_SET).orElse("ServiceItem");
        serviceCaseColumn = optional(config, SERVICE_CASE_COLUMN, "ServiceItemId");
        serviceFilter = optional(config, SERVICE_FILTER, NONE);
        defaultServiceId = optionalId(config, DEFAULT_SERVICE_ID, NONE);
        emailCommunicationType = id(
                EMAIL_COMMUNICATION_TYPE, text(config, EMAIL_COMMUNICATION_TYPE).orElse(EMAIL_TYPE));
        phoneCommunicationTypes = ids(config, PHONE_COMMUNICATION_TYPES, PHONE_TYPES);
        caseOriginId = optionalId(config, CASE_ORIGIN_ID, NONE);
        caseCategoryId = optionalId(config, CASE_CATEGORY_ID, INCIDENT_CATEGORY);
        casePriorityId = optionalId(config, CASE_PRIORITY_ID, NONE);
        caseStatusId = optionalId(config, CASE_STATUS_ID, NONE);
        messageTarget =
                MessageTarget.valueOf(enumName(text(config, MESSAGE_TARGET).orElse("activity")));
        activityTypeId = optionalId(config, ACTIVITY_TYPE_ID, ACTIVITY_TYPE_EMAIL);
        activityMessageTypeId = optionalId(config, ACTIVITY_MESSAGE_TYPE_ID, MESSAGE_TYPE_INCOMING);
        activityStatusId = optionalId(config, ACTIVITY_STATUS_ID, ACTIVITY_STATUS_DONE);
        activityCategoryId = optionalId(config, ACTIVITY_CATEGORY_ID, ACTIVITY_CATEGORY_EMAIL);
        activityOwnerId = optionalId(config, ACTIVITY_OWNER_ID, NONE);
        messageNotifierId = optionalId(config, MESSAGE_NOTIFIER_ID, NOTIFIER_LOCAL);
        attachmentTarget = AttachmentTarget.valueOf(
                enumName(text(config, ATTACHMENT_TARGET).orElse("case")));
        linkFileTypeId = id(LINK_FILE_TYPE_ID, text(config, LINK_FILE_TYPE_ID).orElse(FILE_TYPE_LINK));
        String path = text(config, UPLOAD_PATH).orElse(UPLOAD_FILE_PATH);
        uploadPath = path.startsWith("/") ? path : "/" + path;
    }

    public static CrmMapping from(Config config) {
        return new CrmMapping(config);
    }

    /**
     * Every entity set, column and lookup record that the workflow writes or searches with this
     * mapping, each with the key that changes it. What is switched off ({@value #NONE}) is not listed.
     */
    public List<MappingRequirement> requirements() {
        List<MappingRequirement> needed = new ArrayList<>();
        String contact = entity("Contact");
        needed.add(MappingRequirement.entitySet(contact, RENAME));
        for (String column : List.of("Name", "Email", "MobilePhone", "AccountId", "CreatedOn")) {
            needed.add(MappingRequirement.column(contact, column("Contact", column), RENAME));
        }
        String communication = communicationEntity();
        needed.add(MappingRequirement.entitySet(communication, RENAME));
        for (String column : List.of("ContactId", "CommunicationTypeId", "Number", "SearchNumber", "CreatedOn")) {
            needed.add(MappingRequirement.column(communication, column("ContactCommunication", column), RENAME));
        }
        needed.add(MappingRequirement.record(
                entity("CommunicationType"), emailCommunicationType, EMAIL_COMMUNICATION_TYPE));
        for (UUID phoneType : phoneCommunicationTypes) {
            needed.add(MappingRequirement.record(entity("CommunicationType"), phoneType, PHONE_COMMUNICATION_TYPES));
        }

        String account = entity("Account");
        needed.add(MappingRequirement.entitySet(account, RENAME));
        needed.add(MappingRequirement.column(account, column("Account", "Name"), RENAME));
        needed.add(MappingRequirement.column(account, column("Account", "CreatedOn"), RENAME));
        accountInnColumn.ifPresent(inn -> needed.add(MappingRequirement.column(account, inn, ACCOUNT_INN_COLUMN)));

        String caseSet = caseEntity();
        needed.add(MappingRequirement.entitySet(caseSet, RENAME));
        for (String column : List.of("Number", "Subject", "Symptoms", "ContactId", "AccountId", "RegisteredOn")) {
            needed.add(MappingRequirement.column(caseSet, column("Case", column), RENAME));
        }
        lookup(needed, caseSet, "OriginId", "CaseOrigin", caseOriginId, CASE_ORIGIN_ID);
        lookup(needed, caseSet, "CategoryId", "CaseCategory", caseCategoryId, CASE_CATEGORY_ID);
        lookup(needed, caseSet, "PriorityId", "CasePriority", casePriorityId, CASE_PRIORITY_ID);
        lookup(needed, caseSet, "StatusId", "CaseStatus", caseStatusId, CASE_STATUS_ID);

        if (serviceCaseColumn.isPresent()) {
            needed.add(MappingRequirement.column(caseSet, serviceCaseColumn.get(), SERVICE_CASE_COLUMN));
            needed.add(MappingRequirement.entitySet(serviceEntitySet, SERVICE_ENTITY_SET));
            needed.add(MappingRequirement.column(serviceEntitySet, column(serviceEntitySet, "Name"), RENAME));
            defaultServiceId.ifPresent(
                    id -> needed.add(MappingRequirement.record(serviceEntitySet, id, DEFAULT_SERVICE_ID)));
        }

        String message = messageEntity();
        needed.add(MappingRequirement.entitySet(message, MESSAGE_TARGET));
        if (messageTarget == MessageTarget.CASE_MESSAGE_HISTORY) {
            for (String column : List.of("CaseId", "Message")) {
                needed.add(MappingRequirement.column(message, column("CaseMessageHistory", column), RENAME));
            }
            lookup(
                    needed,
                    message,
                    "CaseMessageHistory",
                    "MessageNotifierId",
                    "MessageNotifier",
                    messageNotifierId,
                    MESSAGE_NOTIFIER_ID);
        } else {
            for (String column :
                    List.of("CaseId", "Title", "Body", "Sender", "ContactId", "AccountId", "StartDate", "DueDate")) {
                needed.add(MappingRequirement.column(message, column("Activity", column), RENAME));
            }
            lookup(needed, message, "Activity", "TypeId", "ActivityType", activityTypeId, ACTIVITY_TYPE_ID);
            lookup(
                    needed,
                    message,
                    "Activity",
                    "MessageTypeId",
                    "EmailType",
                    activityMessageTypeId,
                    ACTIVITY_MESSAGE_TYPE_ID);
            lookup(needed, message, "Activity", "StatusId", "ActivityStatus", activityStatusId, ACTIVITY_STATUS_ID);
            lookup(
                    needed,
                    message,
                    "Activity",
                    "ActivityCategoryId",
                    "ActivityCategory",
                    activityCategoryId,
                    ACTIVITY_CATEGORY_ID);
            lookup(needed, message, "Activity", "OwnerId", "Contact", activityOwnerId, ACTIVITY_OWNER_ID);
        }

        FileOwnerSet files = fileOwnerSet();
        needed.add(MappingRequirement.entitySet(files.entity(), ATTACHMENT_TARGET));
        for (String column : List.of(files.logicalParentColumn(), "Name", "Notes", "TypeId", "Size")) {
            needed.add(MappingRequirement.column(files.entity(), column(files.logical(), column), RENAME));
        }
        needed.add(MappingRequirement.record(entity("FileType"), linkFileTypeId, LINK_FILE_TYPE_ID));
        return List.copyOf(needed);
    }

    private void lookup(
            List<MappingRequirement> needed,
            String entitySet,
            String column,
            String lookupSet,
            Optional<UUID> id,
            String key) {
        lookup(needed, entitySet, "Case", column, lookupSet, id, key);
    }

    private void lookup(
            List<MappingRequirement> needed,
            String entitySet,
            String logicalEntity,
            String column,
            String lookupSet,
            Optional<UUID> id,
            String key) {
        if (id.isPresent()) {
            needed.add(MappingRequirement.column(entitySet, column(logicalEntity, column), key));
            needed.add(MappingRequirement.record(entity(lookupSet), id.get(), key));
        }
    }

    /** The CRM's name of a base entity set (Creatio's own unless renamed). */
    public String entity(String logical) {
        return renames.getOrDefault(logical, logical);
    }

    /** The CRM's name of a base column of a base entity set, named by their Creatio names. */
    public String column(String logicalEntity, String logicalColumn) {
        return renames.getOrDefault(logicalEntity + "." + logicalColumn, logicalColumn);
    }

    /** The navigation property of a lookup column, for {@code $filter} paths: {@code ContactId} → {@code Contact}. */
    public String navigation(String logicalEntity, String logicalLookupColumn) {
        String column = column(logicalEntity, logicalLookupColumn);
        return column.endsWith("Id") ? column.substring(0, column.length() - 2) : column;
    }

    public String caseEntity() {
        return entity("Case");
    }

    public String communicationEntity() {
        return entity("ContactCommunication");
    }

    public String messageEntity() {
        return messageTarget == MessageTarget.CASE_MESSAGE_HISTORY ? entity("CaseMessageHistory") : entity("Activity");
    }

    /** The file entity set of the attachments, its logical name and its lookup to the owner. */
    public record FileOwnerSet(String entity, String logical, String logicalOwner, String logicalParentColumn) {}

    /** Files go to the message only when it is an Activity; the message history has no file detail. */
    public FileOwnerSet fileOwnerSet() {
        return attachmentTarget == AttachmentTarget.MESSAGE && messageTarget == MessageTarget.ACTIVITY
                ? new FileOwnerSet(entity("ActivityFile"), "ActivityFile", "Activity", "ActivityId")
                : new FileOwnerSet(entity("CaseFile"), "CaseFile", "Case", "CaseId");
    }

    public Optional<String> accountInnColumn() {
        return accountInnColumn;
    }

    public String serviceEntitySet() {
        return serviceEntitySet;
    }

    public Optional<String> serviceCaseColumn() {
        return serviceCaseColumn;
    }

    public Optional<String> serviceFilter() {
        return serviceFilter;
    }

    public Optional<UUID> defaultServiceId() {
        return defaultServiceId;
    }

    public UUID emailCommunicationType() {
        return emailCommunicationType;
    }

    public List<UUID> phoneCommunicationTypes() {
        return phoneCommunicationTypes;
    }

    public Optional<UUID> caseOriginId() {
        return caseOriginId;
    }

    public Optional<UUID> caseCategoryId() {
        return caseCategoryId;
    }

    public Optional<UUID> casePriorityId() {
        return casePriorityId;
    }

    public Optional<UUID> caseStatusId() {
        return caseStatusId;
    }

    public MessageTarget messageTarget() {
        return messageTarget;
    }

    public Optional<UUID> activityTypeId() {
        return activityTypeId;
    }

    public Optional<UUID> activityMessageTypeId() {
        return activityMessageTypeId;
    }

    public Optional<UUID> activityStatusId() {
        return activityStatusId;
    }

    public Optional<UUID> activityCategoryId() {
        return activityCategoryId;
    }

    public Optional<UUID> activityOwnerId() {
        return activityOwnerId;
    }

    public Optional<UUID> messageNotifierId() {
        return messageNotifierId;
    }

    public AttachmentTarget attachmentTarget() {
        return attachmentTarget;
    }

    public UUID linkFileTypeId() {
        return linkFileTypeId;
    }

    /** {@code /0/rest/FileApiService/UploadFile} (8.x) or {@code /0/rest/FileApiService/Upload} (7.x). */
    public String uploadPath() {
        return uploadPath;
    }

    @Override
    public String toString() {
        return "CrmMapping[messageTarget=" + messageTarget + ", attachmentTarget=" + attachmentTarget
                + ", accountInnColumn=" + accountInnColumn.orElse(NONE) + ", service=" + serviceEntitySet + "."
                + serviceCaseColumn.orElse(NONE) + ", uploadPath=" + uploadPath + "]";
    }

    private static Optional<String> text(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** The configured value, else the default; the word {@value #NONE} (in either) means "none". */
    private static Optional<String> optional(Config config, String key, String fallback) {
        String value = text(config, key).orElse(fallback);
        return value.equalsIgnoreCase(NONE) ? Optional.empty() : Optional.of(value);
    }

    private static Optional<UUID> optionalId(Config config, String key, String fallback) {
        return optional(config, key, fallback).map(value -> id(key, value));
    }

    private static List<UUID> ids(Config config, String key, String fallback) {
        String value = text(config, key).orElse(fallback);
        if (value.equalsIgnoreCase(NONE)) {
            return List.of();
        }
        List<UUID> ids = new ArrayList<>();
        for (String item : value.split("[,;\\s]+")) {
            if (!item.isBlank()) {
                ids.add(id(key, item));
            }
        }
        return List.copyOf(ids);
    }

    private static UUID id(String key, String value) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException notAnId) {
            throw new IllegalArgumentException(key + " must be a GUID or '" + NONE + "', not '" + value + "'");
        }
    }

    private static String enumName(String value) {
        return value.strip().replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** {@code Set=OtherSet;Set.Column=OtherColumn}. */
    static Map<String, String> renames(String list) {
        Map<String, String> renames = new LinkedHashMap<>();
        for (String item : list.split(";")) {
            int equals = item.indexOf('=');
            if (equals > 0 && !item.substring(equals + 1).isBlank()) {
                renames.put(
                        item.substring(0, equals).strip(),
                        item.substring(equals + 1).strip());
            }
        }
        return Map.copyOf(renames);
    }
}
