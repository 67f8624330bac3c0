package io.casegate.delivery.boundary;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.casegate.delivery.control.RetryPolicy;
import io.casegate.delivery.entity.DeliveryDeferred;
import io.casegate.delivery.entity.OutboxEntry;
import io.casegate.platform.metrics.Meter;
import io.casegate.platform.metrics.Metrics;

/**
 * Works off the outbox: a new entry at once after its intake commits, and every due entry
 * (retries, and the entries of a node that died mid-attempt, once their lease expired) on each
 * poll. Each attempt runs under a lease, so several nodes on one database never work on the
 * same entry at once.
 */
@ApplicationScoped
class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Outbox outbox;

    @Inject
    RetryPolicy retryPolicy;

    @Inject
    Instance<OutboxHandler> handlerBeans;

    @Inject
    Clock clock;

    @Inject
    Metrics metrics;

    @Inject
    @ConfigProperty(name = "casegate.delivery.poll-interval", defaultValue = "5s")
    Duration pollInterval;

    /** How long one attempt may take before it counts as failed and is retried. */
    @Inject
    @ConfigProperty(name = "casegate.delivery.attempt-timeout", defaultValue = "60s")
    Duration attemptTimeout;

    /**
     * Attempts running at once on this node; the rest are taken as slots become free (or by the next
     * poll). More than the CRM's requests in flight ({@code casegate.crm.max-concurrency}), so that
     * the CRM, not this node, sets the pace of a backlog.
     */
    @Inject
    @ConfigProperty(name = "casegate.delivery.concurrency", defaultValue = "16")
    int concurrency;

    /**
     * How long after its intake someone may wait for an entry (the form waits this long for the case
     * number): such entries have slots of their own and are taken first.
     */
    @Inject
    @ConfigProperty(name = "casegate.form.case-number-wait", defaultValue = "10s")
    Duration freshFor;

    private final String nodeId = "node-" + UUID.randomUUID();
    private Map<String, OutboxHandler> handlers;
    private Semaphore slots;
    /** Slots only a new entry may take, when a backlog holds all the others. */
    private Semaphore freshSlots;

    private ScheduledFuture<?> polling;
    private volatile boolean stopped;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        handlers = handlerBeans.stream().collect(Collectors.toMap(OutboxHandler::kind, Function.identity()));
        for (String kind : handlers.keySet()) {
            // Each kind's series exist at 0 from the start, so that the first failure counts in rate().
            metrics.declare(Meter.DELIVERY_ATTEMPTS_FAILED, kind);
            metrics.declare(Meter.DELIVERY_RETRIES_SCHEDULED, kind);
            metrics.declare(Meter.DEAD_LETTERS, kind);
        }
        slots = new Semaphore(Math.max(1, concurrency));
        freshSlots = new Semaphore(Math.max(1, concurrency / 4));
        long interval = Math.max(100, pollInterval.toMillis());
        polling = scheduler.scheduleWithFixedDelay(this::poll, 0, interval, TimeUnit.MILLISECONDS);
        LOG.info(() -> "Outbox dispatcher " + nodeId + " started for " + handlers.keySet() + ", polling every "
                + pollInterval);
    }

    @PreDestroy
    void stop() {
        stopped = true;
        if (polling != null) {
            polling.cancel(false);
        }
    }

    /** A new entry is worked on at once, not at the next poll. */
    void onEnqueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxEntryEnqueued enqueued) {
        if (stopped || slots == null) {
            return;
        }
        try {
            executor.execute(() -> {
                if (!dispatch(enqueued.entryId())) {
                    dispatch(enqueued.entryId(), freshSlots);
                }
            });
        } catch (RuntimeException rejected) {
            LOG.log(Level.FINE, "Immediate dispatch refused; the next poll takes the entry", rejected);
        }
    }

    void poll() {
        if (stopped) {
            return;
        }
        try {
            for (String entryId : outbox.due(Math.max(1, slots.availablePermits()) * 4, freshFor)) {
                if (!dispatch(entryId)) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // The database may be briefly unreachable; the next poll tries again.
            LOG.log(Level.WARNING, "Outbox poll failed: " + e.getMessage(), e);
        }
    }

    /** Claims and starts one entry; false when this node has no free slot. */
    boolean dispatch(String entryId) {
        return dispatch(entryId, slots);
    }

    private boolean dispatch(String entryId, Semaphore pool) {
        if (!pool.tryAcquire()) {
            return false;
        }
        boolean started = false;
        try {
            OutboxEntry entry = outbox.claim(entryId, nodeId, leaseFor()).orElse(null);
            if (entry == null) {
                return true;
            }
            OutboxHandler handler = handlers.get(entry.kind());
            if (handler == null) {
                outbox.dead(entryId, "No handler for outbox entries of kind " + entry.kind());
                return true;
            }
            CompletableFuture<?> attempt;
            try {
                attempt = handler.handle(entry).toCompletableFuture();
            } catch (RuntimeException failedToStart) {
                attempt = CompletableFuture.failedFuture(failedToStart);
            }
            started = true;
            attempt.orTimeout(attemptTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    // On a managed thread: orTimeout completes on a JDK timer thread without the
                    // container's transaction and naming context.
                    .whenCompleteAsync(
                            (result, failure) -> {
                                try {
                                    finish(entry, handler, failure);
                                } finally {
                                    pool.release();
                                }
                                // The freed slot takes the next due entry at once: a backlog drains at the
                                // configured concurrency, not one batch per poll interval.
                                poll();
                            },
                            executor);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not dispatch outbox entry " + entryId + ": " + e.getMessage(), e);
            return true;
        } finally {
            if (!started) {
                pool.release();
            }
        }
    }

    /** The lease outlasts an attempt's timeout, so a timed-out attempt is never overlapped by the next one. */
    Duration leaseFor() {
        return attemptTimeout.multipliedBy(2).plusSeconds(5);
    }

    void finish(OutboxEntry entry, OutboxHandler handler, Throwable failure) {
        try {
            if (failure == null) {
                outbox.done(entry.id());
                return;
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof DeliveryDeferred deferred) {
                LOG.fine(() -> entry.kind() + " " + entry.subjectId() + " deferred by " + deferred.after() + ": "
                        + deferred.getMessage());
                outbox.defer(entry.id(), clock.instant().plus(deferred.after()), deferred.getMessage());
                redispatchAfter(entry.id(), deferred.after());
                return;
            }
            metrics.increment(Meter.DELIVERY_ATTEMPTS_FAILED, entry.kind());
            boolean timedOut = cause instanceof TimeoutException;
            String message = timedOut ? "No answer within " + attemptTimeout : describe(cause);
            if (!timedOut && !handler.isRetryable(cause)) {
                LOG.warning(() -> entry.kind() + " " + entry.subjectId() + " given up: " + message);
                outbox.dead(entry.id(), message);
                metrics.increment(Meter.DEAD_LETTERS, entry.kind());
            } else if (!retryPolicy.mayRetryAfter(entry.attempts())) {
                LOG.warning(() -> entry.kind() + " " + entry.subjectId() + " given up after " + entry.attempts()
                        + " attempts: " + message);
                outbox.dead(entry.id(), "Gave up after " + entry.attempts() + " attempts: " + message);
                metrics.increment(Meter.DEAD_LETTERS, entry.kind());
            } else {
                Duration wait = retryPolicy.delayAfter(entry.attempts());
                LOG.info(() -> entry.kind() + " " + entry.subjectId() + " attempt " + entry.attempts() + " failed ("
                        + message + "); next in " + wait);
                outbox.retryAt(entry.id(), clock.instant().plus(wait), message, timedOut);
                metrics.increment(Meter.DELIVERY_RETRIES_SCHEDULED, entry.kind());
            }
        } catch (RuntimeException e) {
            // The outcome could not be recorded: the lease expires and the entry is tried again.
            LOG.log(Level.WARNING, "Could not record the outcome of outbox entry " + entry.id(), e);
        }
    }

    /**
     * A deferral shorter than the poll interval is taken up when it ends, not at the next poll: a
     * delivery waiting for its visitor's turn is due again within a fraction of a second. Should no
     * slot be free then, the next attempt to end or the next poll takes it.
     */
    private void redispatchAfter(String entryId, Duration after) {
        if (scheduler == null || stopped || pollInterval == null || after.compareTo(pollInterval) >= 0) {
            return;
        }
        try {
            // A few milliseconds late, so that the entry is due by the clock that the claim compares with.
            scheduler.schedule(
                    () -> {
                        if (!stopped) {
                            dispatch(entryId);
                        }
                    },
                    after.toMillis() + 5,
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException rejected) {
            LOG.log(Level.FINE, "Early dispatch refused; the next poll takes the entry", rejected);
        }
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
