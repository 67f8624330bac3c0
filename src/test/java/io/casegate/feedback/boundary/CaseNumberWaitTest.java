package io.casegate.feedback.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The one rule for "the dialog still waits for the case number", with JavaScript and without. */
class CaseNumberWaitTest {

    private static final Instant SENT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aReceivedSubmissionIsAwaitedUntilTheWaitHasPassed() {
        Receipt received = new Receipt("WEB-2026-000001", UUID.randomUUID(), Receipt.Status.RECEIVED, null, null);
        assertTrue(CaseNumberServlet.isWaiting(received, SENT, WAIT, SENT));
        assertTrue(CaseNumberServlet.isWaiting(received, SENT, WAIT, SENT.plusMillis(9_999)));
        assertFalse(CaseNumberServlet.isWaiting(received, SENT, WAIT, SENT.plus(WAIT)));
    }

    @Test
    void aKnownNumberOrADelayedDeliveryEndsTheWaitAtOnce() {
        Receipt delivered =
                new Receipt("WEB-2026-000002", UUID.randomUUID(), Receipt.Status.DELIVERED, "SR00000002", null);
        Receipt delayed = new Receipt("WEB-2026-000003", UUID.randomUUID(), Receipt.Status.DELAYED, null, null);
        assertFalse(CaseNumberServlet.isWaiting(delivered, SENT, WAIT, SENT));
        assertFalse(CaseNumberServlet.isWaiting(delayed, SENT, WAIT, SENT));
    }
}
