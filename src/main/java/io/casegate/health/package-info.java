/**
 * MicroProfile Health checks (liveness, the database, delivery to the CRM, the CRM mapping's
 * self-check) and the Prometheus
 * exposition of Casegate's metrics at {@code /metrics}. Reads only.
 * <p>
 * Owns no table. Uses {@code platform}, {@code feedback}, {@code delivery} and {@code crm}.
 */
package io.casegate.health;
