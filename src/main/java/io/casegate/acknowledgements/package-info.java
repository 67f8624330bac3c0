/**
 * The acknowledgement e-mail with the case number, sent once per delivered submission (enqueued in
 * the transaction that records the delivery, never sent twice across crashes).
 * <p>
 * Public face: none but its outbox job. Owns no table (it marks the submission through
 * {@code feedback}). Uses {@code platform}, {@code delivery} and {@code feedback}.
 */
package io.casegate.acknowledgements;
