package io.casegate.delivery.boundary;

/** Fired inside the transaction that created an outbox entry; observed after it commits. */
record OutboxEntryEnqueued(String entryId) {}
