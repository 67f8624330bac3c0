/**
 * The operators' area: submissions with their delivery state and CRM calls, dead letters to retry,
 * the CRM session, the CRM check (the mapping's self-check and what a delivery writes); its own login (Jakarta Security, PBKDF2 hashes from configuration).
 * <p>
 * Public face: its pages. Owns no table: its overview reads the submission and outbox tables in one
 * read-only query, and every change goes through the owning component. Uses {@code platform},
 * {@code feedback}, {@code cases}, {@code delivery} and {@code crm}.
 */
package io.casegate.admin;
