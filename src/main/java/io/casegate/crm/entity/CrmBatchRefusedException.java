package io.casegate.crm.entity;

/**
 * The CRM did not take a {@code $batch} at all (an older version, a proxy that blocks the route, or
 * batches switched off), so it ran none of its parts: the same requests can go one at a time.
 */
public class CrmBatchRefusedException extends CrmException {

    private static final long serialVersionUID = 1L;

    public CrmBatchRefusedException(String message) {
        super(message, true, null);
    }
}
