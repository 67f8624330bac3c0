/**
 * The pipeline from an accepted submission to a case in the CRM: the outbox job that runs it
 * ({@code boundary.CaseOpener}), the case workflow (contact, organisation, case, message, files,
 * exactly once through one step primitive and a typed step log), and the log of the CRM calls each
 * submission made, and the turns that deliveries of one visitor take at the contact
 * ({@code control.VisitorLocks}).
 * <p>
 * Public face: {@code boundary} ({@code CaseOpener}, {@code CaseCalls}) and {@code entity}. Owns the
 * tables {@code delivery_step}, {@code crm_call} and {@code visitor_lock}. Uses {@code platform}, {@code crm},
 * {@code attachments}, {@code delivery} and {@code feedback}.
 */
package io.casegate.cases;
