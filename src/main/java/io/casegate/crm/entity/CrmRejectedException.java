package io.casegate.crm.entity;

/**
 * The CRM refused the request itself, in a way that the same request cannot fix by being sent
 * again: retrying it is pointless. {@link #problem()} says whose the fix is.
 */
public class CrmRejectedException extends CrmException {

    private static final long serialVersionUID = 1L;

    /** What the CRM refused, and so who can fix it. */
    public enum Problem {
        /** This record's own data (a value too long, a malformed request): only this submission is affected. */
        DATA,
        /**
         * An entity set, column or lookup of Casegate's CRM mapping that the CRM does not have: every
         * submission is affected until an operator fixes the mapping or the CRM.
         */
        MAPPING,
        /**
         * The CRM's database refused the record (a foreign key, a required column, a unique
         * column): the mapping (a configured lookup id that does not exist) or this record's data.
         */
        CONSTRAINT
    }

    private final int status;
    private final Problem problem;

    public CrmRejectedException(int status, String message) {
        this(status, message, Problem.DATA);
    }

    public CrmRejectedException(int status, String message, Problem problem) {
        super(message, false, null);
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public Problem problem() {
        return problem;
    }
}
