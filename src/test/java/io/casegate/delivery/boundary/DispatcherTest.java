package io.casegate.delivery.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.casegate.delivery.control.RetryPolicy;
import io.casegate.delivery.entity.DeliveryDeferred;
import io.casegate.delivery.entity.OutboxEntry;
import io.casegate.platform.metrics.InProcessMetrics;

/**
 * What the dispatcher records after an attempt: done, retry later (with or without its lease), or
 * dead letter. Whether a failure is worth retrying is the handler's to say; when to retry is the
 * {@link RetryPolicy}'s: the dispatcher only follows them.
 */
class DispatcherTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final long SEED = 7;

    /** A failure the test's handler says is not worth retrying. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    final List<String> recorded = new ArrayList<>();
    Dispatcher cut;

    final OutboxHandler handler = new OutboxHandler() {
        @Override
        public String kind() {
            return "TEST";
        }

        @Override
        public CompletionStage<?> handle(OutboxEntry entry) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean isRetryable(Throwable failure) {
            return !(failure instanceof Refused);
        }
    };

    @BeforeEach
    void dispatcher() {
        cut = new Dispatcher();
        cut.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        cut.attemptTimeout = Duration.ofSeconds(60);
        cut.metrics = new InProcessMetrics();
        cut.retryPolicy = policy();
        cut.outbox = new Outbox() {
            @Override
            void done(String entryId) {
                recorded.add("done");
            }

            @Override
            void retryAt(String entryId, Instant next, String error, boolean keepLease) {
                recorded.add("retry at " + next + (keepLease ? " keeping lease: " : ": ") + error);
            }

            @Override
            void defer(String entryId, Instant next, String reason) {
                recorded.add("deferred to " + next + ": " + reason);
            }

            @Override
            void dead(String entryId, String error) {
                recorded.add("dead: " + error);
            }
        };
    }

    /** The same policy with the same draws as the dispatcher's, to say when it must retry. */
    private static RetryPolicy policy() {
        return new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(30), 3, new Random(SEED));
    }

    @Test
    void aSuccessfulAttemptIsDone() {
        cut.finish(entry(1), handler, null);
        assertEquals(List.of("done"), recorded);
    }

    @Test
    void aRetryableFailureIsRetriedWhenThePolicySays() {
        Instant next = NOW.plus(policy().delayAfter(1));
        cut.finish(entry(1), handler, new CompletionException(new IllegalStateException("HTTP 503")));
        assertEquals(List.of("retry at " + next + ": HTTP 503"), recorded);
    }

    @Test
    void aTimedOutAttemptKeepsItsLeaseSoThatItIsNotOverlapped() {
        Instant next = NOW.plus(policy().delayAfter(1));
        cut.finish(entry(1), handler, new TimeoutException());
        assertEquals(List.of("retry at " + next + " keeping lease: No answer within PT1M"), recorded);
    }

    @Test
    void aFailureTheHandlerRefusesToRetryIsDeadLetteredWithItsMessage() {
        cut.finish(entry(1), handler, new CompletionException(new Refused("ServiceItem 'X' does not exist")));
        assertEquals(List.of("dead: ServiceItem 'X' does not exist"), recorded);
    }

    @Test
    void exhaustedRetriesAreDeadLettered() {
        cut.finish(entry(3), handler, new IllegalStateException("connection refused"));
        assertEquals(List.of("dead: Gave up after 3 attempts: connection refused"), recorded);
    }

    @Test
    void aDeferredAttemptIsTriedAgainLaterEvenWhenTheRetriesAreUsedUp() {
        cut.finish(
                entry(3),
                handler,
                new CompletionException(new DeliveryDeferred("the CRM mapping is invalid", Duration.ofMinutes(1))));
        assertEquals(List.of("deferred to " + NOW.plusSeconds(60) + ": the CRM mapping is invalid"), recorded);
    }

    @Test
    void aDeferredAttemptDoesNotCountAgainstTheRetryBudget() {
        OutboxEntry entry = entry(3);
        entry.defer(NOW.plusSeconds(1), "busy");
        assertEquals(2, entry.attempts());
    }

    @Test
    void aShortDeferralIsDispatchedAgainWhenItEndsNotAtTheNextPoll() {
        List<Long> scheduledMillis = new ArrayList<>();
        cut.pollInterval = Duration.ofSeconds(5);
        cut.scheduler = scheduler(scheduledMillis);
        cut.finish(
                entry(1),
                handler,
                new CompletionException(new DeliveryDeferred("the visitor is busy", Duration.ofMillis(300))));
        assertEquals(List.of(305L), scheduledMillis);

        scheduledMillis.clear();
        cut.finish(entry(1), handler, new CompletionException(new DeliveryDeferred("mapping", Duration.ofMinutes(1))));
        assertEquals(List.of(), scheduledMillis, "a long deferral is left to the poll");
    }

    /** A scheduler that records the delays it is given and runs nothing. */
    private static ManagedScheduledExecutorService scheduler(List<Long> delaysMillis) {
        return (ManagedScheduledExecutorService) Proxy.newProxyInstance(
                DispatcherTest.class.getClassLoader(),
                new Class<?>[] {ManagedScheduledExecutorService.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("schedule") && arguments[2] instanceof TimeUnit unit) {
                        delaysMillis.add(unit.toMillis((Long) arguments[1]));
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static OutboxEntry entry(int attempts) {
        OutboxEntry entry = new OutboxEntry("TEST", UUID.randomUUID(), NOW);
        for (int i = 0; i < attempts; i++) {
            claimOnce(entry);
        }
        return entry;
    }

    /** The claim's attempts + 1 happens in SQL; the test sets the field the way a reload would. */
    private static void claimOnce(OutboxEntry entry) {
        try {
            Field attempts = OutboxEntry.class.getDeclaredField("attempts");
            attempts.setAccessible(true);
            attempts.setInt(entry, attempts.getInt(entry) + 1);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
