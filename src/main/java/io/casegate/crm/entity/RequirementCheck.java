package io.casegate.crm.entity;

import java.util.Objects;
import java.util.UUID;

/**
 * What the self-check found for one {@link MappingRequirement}. The texts for a finding are in the
 * bundle under {@link #messageKey()}, with {@link #messageArguments()}: the admin page shows them in
 * the operator's language, the readiness check in English.
 *
 * @param detail the CRM's reason when a record could not be read; empty otherwise
 */
public record RequirementCheck(MappingRequirement requirement, Finding finding, String detail) {

    public enum Finding {
        /** The entity set, its column or the record exists. */
        PRESENT,
        /** {@code $metadata} lists no such entity set. */
        NO_ENTITY_SET,
        /** The entity set exists, the column does not. */
        NO_COLUMN,
        /** The entity set exists, the record with this id does not (404). */
        NO_RECORD,
        /** The CRM refused to read the record (e.g. 403: the integration user may not read the lookup). */
        UNREADABLE,
        /** The check did not get this far (the CRM could not be reached). */
        NOT_CHECKED
    }

    public RequirementCheck {
        Objects.requireNonNull(requirement);
        Objects.requireNonNull(finding);
        detail = detail == null ? "" : detail;
    }

    /** Whether this stops delivery: the CRM answered, and what the mapping needs is not there. */
    public boolean missing() {
        return finding != Finding.PRESENT && finding != Finding.NOT_CHECKED;
    }

    /** In the CRM's terms: {@code Account}, {@code Account.INN}, {@code CaseOrigin(7f9e…)}. */
    public String name() {
        MappingRequirement wanted = requirement;
        return wanted.entitySet()
                + wanted.column().map(column -> "." + column).orElse("")
                + wanted.recordId().map(id -> "(" + id + ")").orElse("");
    }

    public String messageKey() {
        return "crmCheck.finding." + finding.name();
    }

    /** {0} entity set, {1} column, {2} record id, {3} configuration key, {4} the CRM's reason. */
    public Object[] messageArguments() {
        return new Object[] {
            requirement.entitySet(),
            requirement.column().orElse(""),
            requirement.recordId().map(UUID::toString).orElse(""),
            requirement.configKey(),
            detail
        };
    }
}
