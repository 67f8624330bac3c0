/**
 * Intake: the form, the status page and the REST API, with one set of rules for both; the
 * submission, its reference and its consent record, stored with its files and its outbox job in
 * one transaction; and what a visitor is told about it.
 * <p>
 * Public face: {@code boundary.Submissions} (for the components downstream: read a submission,
 * record its case and its acknowledgement) and {@code entity} (the submission, its fields and the
 * {@code SubmissionDelivered} and {@code SubmissionAnonymised} events, the {@code VisitorErasure} record)
 * and {@code boundary.PersonalData} (retention and data-subject erasure, for the admin area). Owns the
 * tables {@code submission} and {@code visitor_erasure}. Uses {@code platform},
 * {@code attachments}, {@code delivery} (enqueues its {@code DELIVER_CASE} job) and {@code crm}
 * (the service list of the form).
 */
package io.casegate.feedback;
