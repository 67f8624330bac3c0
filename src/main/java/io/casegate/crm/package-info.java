/**
 * The CRM adapter: the {@code @ApplicationScoped} session (login, cookies and BPMCSRF, lifetime,
 * single-flight renewal), the one HTTP client, and every word of Creatio's vocabulary (entity sets,
 * columns, lookups, the File API). Nothing Creatio-specific leaves this component.
 * <p>
 * Public face: {@code boundary.CrmCases} (the CRM-neutral operations the case workflow needs),
 * {@code boundary.ServiceCatalog} (the form's services), {@code boundary.CrmStatus} (the session's
 * state, the mapping's self-check and what a delivery writes, for the admin area, readiness and
 * delivery) and the value types of {@code entity}. Owns the table {@code crm_service} (the last
 * service list the CRM gave).
 * Uses {@code platform}.
 */
package io.casegate.crm;
