/**
 * The pipeline from an accepted submission to a case in the CRM: the outbox job that runs it
 * ({@code boundary.CaseOpener}), the case workflow (contact, organisation, case, message, files,
 * exactly once through one step primitive and a typed step log), and the log of the CRM calls each
 * submission made.
 * <p>
 * Public face: {@code boundary} ({@code CaseOpener}, {@code CaseCalls}) and {@code entity}. Owns the
 * tables {@code delivery_step} and {@code crm_call}. Uses {@code platform}, {@code crm},
 * {@code attachments}, {@code delivery} and {@code feedback}.
 */
package io.casegate.cases;
