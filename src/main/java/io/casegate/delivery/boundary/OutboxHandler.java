package io.casegate.delivery.boundary;

import java.util.concurrent.CompletionStage;

import io.casegate.delivery.entity.OutboxEntry;

/**
 * Does the work of one kind of outbox entry. Implementations are CDI beans; the dispatcher finds
 * them by {@link #kind()}, so it knows nothing of CRMs or e-mail.
 */
public interface OutboxHandler {

    String kind();

    /** Starts the work; the stage completes when it is done, or exceptionally when it failed. */
    CompletionStage<?> handle(OutboxEntry entry);

    /** Whether a later attempt can succeed where this one failed. */
    default boolean isRetryable(Throwable failure) {
        return true;
    }
}
