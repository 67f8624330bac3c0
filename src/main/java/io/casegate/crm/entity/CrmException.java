package io.casegate.crm.entity;

/**
 * A failure of the CRM, in Casegate's terms. {@link #isRetryable()} tells the delivery whether a
 * later attempt can succeed; {@link #getMessage()} carries the CRM's own reason and never a secret.
 */
public class CrmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public CrmException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
