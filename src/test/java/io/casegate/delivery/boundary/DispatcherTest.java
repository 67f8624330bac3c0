package io.casegate.delivery.boundary;

import io.casegate.platform.metrics.InProcessMetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.casegate.crm.entity.CrmException;
import io.casegate.crm.entity.CrmRejectedException;
import io.casegate.crm.entity.CrmUnavailableException;
import io.casegate.delivery.control.RetryPolicy;
import io.casegate.delivery.entity.OutboxEntry;

/** What the dispatcher records after an attempt: done, retry later (with or without its lease), or dead letter. */
class DispatcherTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    final List<String> recorded = new ArrayList<>();
    Dispatcher cut;

    final OutboxHandler crmHandler = new OutboxHandler() {
        @Override
        public String kind() {
            return "DELIVER_CASE";
        }

        @Override
        public CompletionStage<?> handle(OutboxEntry entry) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean isRetryable(Throwable failure) {
            return !(failure instanceof CrmException crm) || crm.isRetryable();
        }
    };

    @BeforeEach
    void dispatcher() {
        cut = new Dispatcher();
        cut.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        cut.attemptTimeout = Duration.ofSeconds(60);
        cut.metrics = new io.casegate.platform.metrics.InProcessMetrics();
        cut.retryPolicy = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(30), 3, new Random(7));
        cut.outbox = new Outbox() {
            @Override
            public void done(String entryId) {
                recorded.add("done");
            }

            @Override
            public void retryAt(String entryId, Instant next, String error, boolean keepLease) {
                recorded.add("retry " + (keepLease ? "keeping lease " : "") + error);
                assertTrue(next.isAfter(NOW.plusMillis(2_499)) && !next.isAfter(NOW.plusSeconds(5)), next.toString());
            }

            @Override
            public void dead(String entryId, String error) {
                recorded.add("dead " + error);
            }
        };
    }

    @Test
    void aSuccessfulAttemptIsDone() {
        cut.finish(entry(1), crmHandler, null);
        assertEquals(List.of("done"), recorded);
    }

    @Test
    void anUnavailableCrmIsRetriedWithBackOff() {
        cut.finish(entry(1), crmHandler, new CompletionException(new CrmUnavailableException("HTTP 503", null)));
        assertEquals(List.of("retry HTTP 503"), recorded);
    }

    @Test
    void aTimedOutAttemptKeepsItsLeaseSoThatItIsNotOverlapped() {
        cut.finish(entry(1), crmHandler, new TimeoutException());
        assertEquals(List.of("retry keeping lease No answer within PT1M"), recorded);
    }

    @Test
    void aRejectionIsDeadLetteredWithTheCrmsMessage() {
        cut.finish(entry(1), crmHandler, new CompletionException(new CrmRejectedException(400, "ServiceItem 'X' does not exist")));
        assertEquals(List.of("dead ServiceItem 'X' does not exist"), recorded);
    }

    @Test
    void exhaustedRetriesAreDeadLettered() {
        cut.finish(entry(3), crmHandler, new CrmUnavailableException("connection refused", null));
        assertEquals(List.of("dead Gave up after 3 attempts: connection refused"), recorded);
    }

    private static OutboxEntry entry(int attempts) {
        OutboxEntry entry = new OutboxEntry("DELIVER_CASE", UUID.randomUUID(), NOW);
        for (int i = 0; i < attempts; i++) {
            claimOnce(entry);
        }
        return entry;
    }

    /** The claim's attempts + 1 happens in SQL; the test sets the field the way a reload would. */
    private static void claimOnce(OutboxEntry entry) {
        try {
            var attempts = OutboxEntry.class.getDeclaredField("attempts");
            attempts.setAccessible(true);
            attempts.setInt(entry, attempts.getInt(entry) + 1);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
