package io.casegate.crm.entity;

/** The CRM could not be reached, timed out, or answered with a server error: worth retrying later. */
public class CrmUnavailableException extends CrmException {

    private static final long serialVersionUID = 1L;

    public CrmUnavailableException(String message, Throwable cause) {
        super(message, true, cause);
    }
}
