/**
 * MicroProfile Health checks (liveness, the database, delivery to the CRM, the CRM mapping's
 * self-check), the Prometheus
 * exposition of Casegate's metrics at {@code /metrics} with the gauges read at each scrape (backlog,
 * CRM session, mapping), and the monitoring token that may close both. Reads only.
 * <p>
 * Owns no table. Uses {@code platform}, {@code feedback}, {@code delivery} and {@code crm}.
 */
package io.casegate.health;
