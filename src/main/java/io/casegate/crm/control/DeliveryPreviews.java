package io.casegate.crm.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.casegate.crm.entity.DeliveryPreview;
import io.casegate.crm.entity.DeliveryPreview.Column;
import io.casegate.crm.entity.DeliveryPreview.Record;

/**
 * What {@code boundary.CrmCases} writes with a mapping, told column by column for the admin page.
 * It follows CrmCases record for record; {@code DeliveryPreviewsTest} posts each record through
 * CrmCases and holds the columns sent against this preview, so the two cannot part.
 */
public final class DeliveryPreviews {

    private static final String ODATA = "/0/odata/";

    private DeliveryPreviews() {}

    public static DeliveryPreview of(CrmMapping mapping) {
        List<Record> records = new ArrayList<>();
        records.add(organisation(mapping));
        records.add(contact(mapping));
        records.add(caseRecord(mapping));
        records.add(message(mapping));
        records.addAll(files(mapping));
        return new DeliveryPreview(records);
    }

    private static Record organisation(CrmMapping mapping) {
        List<Column> columns = new ArrayList<>();
        columns.add(source("Id", "generatedId"));
        columns.add(source(mapping.column("Account", "Name"), "formOrganisation"));
        mapping.accountInnColumn()
                .ifPresent(inn -> columns.add(new Column(inn, "formInn", "", CrmMapping.ACCOUNT_INN_COLUMN)));
        return post("organisation", mapping.entity("Account"), columns);
    }

    private static Record contact(CrmMapping mapping) {
        return post(
                "contact",
                mapping.entity("Contact"),
                List.of(
                        source("Id", "generatedId"),
                        source(mapping.column("Contact", "Name"), "formName"),
                        source(mapping.column("Contact", "Email"), "formEmail"),
                        source(mapping.column("Contact", "MobilePhone"), "formPhone"),
                        source(mapping.column("Contact", "AccountId"), "organisation")));
    }

    private static Record caseRecord(CrmMapping mapping) {
        List<Column> columns = new ArrayList<>();
        columns.add(source("Id", "generatedId"));
        columns.add(source(mapping.column("Case", "Subject"), "formSubject"));
        columns.add(source(
                mapping.column("Case", "Symptoms"),
                mapping.accountInnColumn().isPresent() ? "description" : "descriptionWithInn"));
        columns.add(source(mapping.column("Case", "ContactId"), "contact"));
        columns.add(source(mapping.column("Case", "RegisteredOn"), "submittedAt"));
        columns.add(source(mapping.column("Case", "AccountId"), "organisation"));
        mapping.serviceCaseColumn()
                .ifPresent(column -> columns.add(new Column(
                        column,
                        mapping.defaultServiceId().isPresent() ? "serviceOrDefault" : "service",
                        mapping.defaultServiceId().map(UUID::toString).orElse(mapping.serviceEntitySet()),
                        CrmMapping.DEFAULT_SERVICE_ID)));
        columns.add(configured(mapping.column("Case", "OriginId"), mapping.caseOriginId(), CrmMapping.CASE_ORIGIN_ID));
        columns.add(configured(
                mapping.column("Case", "CategoryId"), mapping.caseCategoryId(), CrmMapping.CASE_CATEGORY_ID));
        columns.add(configured(
                mapping.column("Case", "PriorityId"), mapping.casePriorityId(), CrmMapping.CASE_PRIORITY_ID));
        columns.add(configured(mapping.column("Case", "StatusId"), mapping.caseStatusId(), CrmMapping.CASE_STATUS_ID));
        columns.add(source(mapping.column("Case", "Number"), "crmNumber"));
        return post("case", mapping.caseEntity(), columns);
    }

    private static Record message(CrmMapping mapping) {
        List<Column> columns = new ArrayList<>();
        columns.add(source("Id", "generatedId"));
        if (mapping.messageTarget() == CrmMapping.MessageTarget.CASE_MESSAGE_HISTORY) {
            String history = "CaseMessageHistory";
            columns.add(source(mapping.column(history, "CaseId"), "case"));
            columns.add(source(mapping.column(history, "Message"), "formMessage"));
            columns.add(configured(
                    mapping.column(history, "MessageNotifierId"),
                    mapping.messageNotifierId(),
                    CrmMapping.MESSAGE_NOTIFIER_ID));
        } else {
            String activity = "Activity";
            columns.add(source(mapping.column(activity, "CaseId"), "case"));
            columns.add(source(mapping.column(activity, "Title"), "formSubject"));
            columns.add(source(mapping.column(activity, "Body"), "formMessage"));
            columns.add(source(mapping.column(activity, "Sender"), "formEmail"));
            columns.add(source(mapping.column(activity, "ContactId"), "contact"));
            columns.add(source(mapping.column(activity, "StartDate"), "submittedAt"));
            columns.add(source(mapping.column(activity, "DueDate"), "submittedAt"));
            columns.add(source(mapping.column(activity, "AccountId"), "organisation"));
            columns.add(configured(
                    mapping.column(activity, "TypeId"), mapping.activityTypeId(), CrmMapping.ACTIVITY_TYPE_ID));
            columns.add(configured(
                    mapping.column(activity, "MessageTypeId"),
                    mapping.activityMessageTypeId(),
                    CrmMapping.ACTIVITY_MESSAGE_TYPE_ID));
            columns.add(configured(
                    mapping.column(activity, "StatusId"), mapping.activityStatusId(), CrmMapping.ACTIVITY_STATUS_ID));
            columns.add(configured(
                    mapping.column(activity, "ActivityCategoryId"),
                    mapping.activityCategoryId(),
                    CrmMapping.ACTIVITY_CATEGORY_ID));
            columns.add(configured(
                    mapping.column(activity, "OwnerId"), mapping.activityOwnerId(), CrmMapping.ACTIVITY_OWNER_ID));
        }
        return post("message", mapping.messageEntity(), columns);
    }

    private static List<Record> files(CrmMapping mapping) {
        CrmMapping.FileOwnerSet files = mapping.fileOwnerSet();
        String owner = files.logicalOwner().equals("Activity") ? "message" : "case";
        Record upload = new Record(
                "file",
                files.entity(),
                "POST " + mapping.uploadPath(),
                List.of(
                        source("Id", "generatedId"),
                        source(mapping.column(files.logical(), files.logicalParentColumn()), owner),
                        source(mapping.column(files.logical(), "Name"), "fileName"),
                        new Column(
                                mapping.column(files.logical(), "Data"),
                                "fileContent",
                                mapping.uploadPath(),
                                CrmMapping.UPLOAD_PATH)));
        Record link = post(
                "link",
                files.entity(),
                List.of(
                        source("Id", "generatedId"),
                        source(mapping.column(files.logical(), files.logicalParentColumn()), owner),
                        source(mapping.column(files.logical(), "Name"), "fileUrl"),
                        source(mapping.column(files.logical(), "Notes"), "fileName"),
                        new Column(
                                mapping.column(files.logical(), "TypeId"),
                                "configured",
                                mapping.linkFileTypeId().toString(),
                                CrmMapping.LINK_FILE_TYPE_ID)));
        return List.of(upload, link);
    }

    private static Record post(String record, String entitySet, List<Column> columns) {
        return new Record(record, entitySet, "POST " + ODATA + entitySet, columns);
    }

    private static Column source(String column, String source) {
        return new Column(column, source, "", "");
    }

    /** A configured lookup id, or "not written" when switched off, so that the CRM's default applies. */
    private static Column configured(String column, Optional<UUID> id, String key) {
        return id.map(value -> new Column(column, "configured", value.toString(), key))
                .orElseGet(() -> new Column(column, "crmDefault", "", key));
    }
}
