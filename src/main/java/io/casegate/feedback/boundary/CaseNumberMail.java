package io.casegate.feedback.boundary;

/**
 * Whether a visitor is sent the CRM's case number by e-mail once the case exists. The component
 * that sends that e-mail answers (it knows its own configuration); the form only asks, so that its
 * dialog never promises an e-mail that nobody will send. Without an implementation, no e-mail.
 */
public interface CaseNumberMail {

    boolean isSent();
}
