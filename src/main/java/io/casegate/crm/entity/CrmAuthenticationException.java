package io.casegate.crm.entity;

/**
 * The CRM did not accept Casegate's credentials. An operator must fix the configuration; deliveries
 * wait and retry with back-off meanwhile.
 */
public class CrmAuthenticationException extends CrmException {

    private static final long serialVersionUID = 1L;

    public CrmAuthenticationException(String message) {
        super(message, true, null);
    }
}
