/**
 * The outbox: durable jobs added in the transaction of the data they are about, claimed with a
 * lease (safe with several nodes on one database), handed to the handler of their kind on a managed
 * executor, retried with back-off and jitter, and dead-lettered for an operator when they keep
 * failing. It knows no CRM and no e-mail: components plug in through {@code boundary.OutboxHandler}.
 * <p>
 * Public face: {@code boundary.Outbox} (enqueue, find, requeue, backlog), {@code boundary.OutboxHandler}
 * and {@code entity.OutboxEntry}. Owns the table {@code outbox_entry}. Uses {@code platform}.
 */
package io.casegate.delivery;
