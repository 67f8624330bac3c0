package io.casegate.delivery.entity;

import java.time.Duration;
import java.util.Objects;

/**
 * Not a failure: the work cannot start yet, for a reason that is not this entry's fault (the CRM
 * mapping is invalid until an operator fixes it; another delivery holds a lock this one needs).
 * A handler completes its stage with this; the dispatcher tries the entry again after
 * {@link #after()}, and the attempt does not count against the retry budget, so waiting never
 * turns an entry into a dead letter.
 */
public class DeliveryDeferred extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Duration after;

    public DeliveryDeferred(String reason, Duration after) {
        super(reason, null, false, false);
        this.after = Objects.requireNonNull(after);
    }

    public Duration after() {
        return after;
    }
}
