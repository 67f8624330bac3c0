package io.casegate.crm.control;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.casegate.crm.entity.CrmException;
import io.casegate.crm.entity.CrmRejectedException;
import io.casegate.crm.entity.CrmRejectedException.Problem;
import io.casegate.crm.entity.CrmUnavailableException;

/**
 * The one place that decides what a CRM error means for a delivery: worth retrying, or not, and
 * whose fix it is. Creatio reports database refusals as HTTP 500 with the database's message nested
 * in the OData error envelope, so the status alone cannot tell a momentary failure from a refusal
 * that every retry would meet again; the reason's text can. The rules are listed in docs/crm.md.
 */
final class CrmErrors {

    /**
     * The create of a record whose id exists: the CRM committed an earlier attempt that Casegate did
     * not hear back from. Worth one more attempt, which finds the record by its id. Creatio names
     * its primary keys {@code PK<Table>} (MS SQL: "Violation of PRIMARY KEY constraint 'PKCase'";
     * PostgreSQL: "duplicate key value violates unique constraint \"PKCase\"").
     */
    private static final Pattern DUPLICATE_ID =
            Pattern.compile("primary key|unique constraint \"pk|unique constraint 'pk|duplicate key.*\"pk");

    /** Integrity refusals of MS SQL and PostgreSQL, in the words Creatio passes on. */
    private static final List<String> CONSTRAINT = List.of(
            "foreign key",
            "cannot insert the value null",
            "violates not-null constraint",
            "null value in column",
            "duplicate key",
            "unique constraint",
            "unique index",
            "check constraint");

    /** A value this record carries that the column cannot hold. */
    private static final List<String> DATA = List.of(
            "would be truncated", "value too long", "invalid input syntax", "out of range", "conversion failed");

    /** What ASP.NET OData answers for a column or entity set that the model does not have. */
    private static final List<String> MAPPING = List.of(
            "does not exist on type",
            "could not find a property named",
            "resource not found for the segment",
            "no http resource was found",
            "entity schema not found",
            "column not found",
            "not found in schema");

    private CrmErrors() {}

    /** The exception for an answer that is not a success; {@code reason} is the CRM's own message. */
    static CrmException classify(String operation, int status, String reason) {
        String message = operation + " failed with HTTP " + status + ": " + reason;
        String text = reason.toLowerCase(Locale.ROOT);
        if (status == 408 || status == 429 || status == 502 || status == 503 || status == 504) {
            return new CrmUnavailableException(message, null);
        }
        if (DUPLICATE_ID.matcher(text).find()) {
            return new CrmUnavailableException(message, null);
        }
        if (contains(text, MAPPING)) {
            return new CrmRejectedException(status, message, Problem.MAPPING);
        }
        if (contains(text, CONSTRAINT)) {
            return new CrmRejectedException(status, message, Problem.CONSTRAINT);
        }
        if (contains(text, DATA)) {
            return new CrmRejectedException(status, message, Problem.DATA);
        }
        if (status == 404) {
            // A collection or a route the CRM does not have (a single record's 404 is "not found", not an error).
            return new CrmRejectedException(status, message, Problem.MAPPING);
        }
        if (status >= 500) {
            // Nothing says it is permanent: a server error may pass (a restart, a deadlock, a full pool).
            return new CrmUnavailableException(message, null);
        }
        return new CrmRejectedException(status, message, Problem.DATA);
    }

    private static boolean contains(String text, List<String> phrases) {
        return phrases.stream().anyMatch(text::contains);
    }
}
