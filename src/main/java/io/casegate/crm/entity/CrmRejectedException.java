package io.casegate.crm.entity;

/** The CRM refused the request itself (a 4xx other than authentication): retrying cannot fix it. */
public class CrmRejectedException extends CrmException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public CrmRejectedException(int status, String message) {
        super(message, false, null);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
