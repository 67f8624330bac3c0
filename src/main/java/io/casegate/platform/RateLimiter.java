package io.casegate.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * At most {@code max} events per key within a sliding {@code window}, in memory (one node). Our own
 * few lines: neither Jakarta EE nor MicroProfile has a rate-limit API (MicroProfile Fault Tolerance's
 * {@code @Bulkhead} limits concurrency, not a rate, and not per client), and a library such as
 * Bucket4j would be a dependency for what a sliding window of timestamps does here.
 * <p>
 * Memory is bounded: at most {@code maxKeys} keys are kept, the least recently used going first
 * (an address whose window has passed is forgotten anyway), and a key holds at most {@code max}
 * timestamps. A {@code max} of 0 switches the limit off.
 */
public final class RateLimiter {

    private final int max;
    private final Duration window;
    private final Clock clock;
    private final Map<String, ArrayDeque<Instant>> events;

    public RateLimiter(int max, Duration window, int maxKeys, Clock clock) {
        this.max = max;
        this.window = window;
        this.clock = clock;
        this.events = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Instant>> eldest) {
                return size() > maxKeys;
            }
        };
    }

    public boolean isOn() {
        return max > 0;
    }

    /**
     * Counts one event for {@code key} unless the limit is reached.
     *
     * @return empty when the event is allowed (and counted); otherwise how long until one would be
     */
    public synchronized Optional<Duration> acquire(String key) {
        Optional<Duration> wait = check(key);
        if (wait.isEmpty() && isOn()) {
            events.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(clock.instant());
        }
        return wait;
    }

    /** Whether {@code key} is at its limit now, without counting anything (e.g. before a login is tried). */
    public synchronized Optional<Duration> check(String key) {
        if (!isOn() || key == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ArrayDeque<Instant> times = events.get(key);
        if (times == null) {
            return Optional.empty();
        }
        Instant horizon = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
        if (times.isEmpty()) {
            events.remove(key);
            return Optional.empty();
        }
        if (times.size() < max) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now, times.peekFirst().plus(window));
        return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
    }

    /** Counts one event (a failed login, say) even when the limit is already reached. */
    public synchronized void record(String key) {
        if (!isOn() || key == null) {
            return;
        }
        ArrayDeque<Instant> times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        times.addLast(clock.instant());
        while (times.size() > max) {
            times.removeFirst();
        }
    }

    /** The keys held now; for tests of the memory bound. */
    synchronized int size() {
        for (Iterator<String> keys = Map.copyOf(events).keySet().iterator(); keys.hasNext(); ) {
            check(keys.next());
        }
        return events.size();
    }

    /** Minutes for a visitor's message ("try again in N min"): whole, rounded up, at least 1. */
    public static long retryAfterMinutes(Duration wait) {
        return Math.max(1, (retryAfterSeconds(wait) + 59) / 60);
    }

    /** Seconds for a {@code Retry-After} header: whole, rounded up, at least 1. */
    public static long retryAfterSeconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
