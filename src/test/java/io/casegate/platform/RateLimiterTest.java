package io.casegate.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.casegate.testing.MovableClock;

class RateLimiterTest {

    final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));

    @Test
    void allowsUpToTheLimitWithinTheWindowThenSaysHowLongToWait() {
        RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(10), 100, clock);
        assertTrue(limiter.acquire("203.0.113.1").isEmpty());
        clock.advance(Duration.ofMinutes(2));
        assertTrue(limiter.acquire("203.0.113.1").isEmpty());
        assertTrue(limiter.acquire("203.0.113.1").isEmpty());

        Optional<Duration> wait = limiter.acquire("203.0.113.1");
        assertEquals(Optional.of(Duration.ofMinutes(8)), wait, "until the first event leaves the window");
        assertEquals(480, RateLimiter.retryAfterSeconds(wait.get()));
        assertTrue(limiter.acquire("203.0.113.2").isEmpty(), "another client has its own count");

        clock.advance(Duration.ofMinutes(8));
        assertTrue(limiter.acquire("203.0.113.1").isEmpty(), "the oldest event has left the window");
        assertTrue(limiter.acquire("203.0.113.1").isPresent(), "the two later ones are still in it");
    }

    @Test
    void refusedAttemptsDoNotProlongTheWait() {
        RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(1), 100, clock);
        limiter.acquire("a");
        limiter.acquire("a");
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofMillis(100));
            assertTrue(limiter.acquire("a").isPresent());
        }
        clock.advance(Duration.ofSeconds(55));
        assertTrue(limiter.acquire("a").isEmpty());
    }

    @Test
    void failuresAreRecordedAndCheckedWithoutCounting() {
        RateLimiter limiter = new RateLimiter(5, Duration.ofMinutes(15), 100, clock);
        for (int i = 0; i < 4; i++) {
            limiter.record("admin");
            assertTrue(limiter.check("admin").isEmpty(), "after " + (i + 1) + " failures");
        }
        limiter.record("admin");
        assertEquals(Optional.of(Duration.ofMinutes(15)), limiter.check("admin"));
        assertEquals(Optional.of(Duration.ofMinutes(15)), limiter.check("admin"), "checking counts nothing");
        clock.advance(Duration.ofMinutes(15));
        assertTrue(limiter.check("admin").isEmpty());
    }

    @Test
    void zeroSwitchesTheLimitOff() {
        RateLimiter limiter = new RateLimiter(0, Duration.ofMinutes(1), 100, clock);
        assertFalse(limiter.isOn());
        for (int i = 0; i < 1000; i++) {
            assertTrue(limiter.acquire("key").isEmpty());
        }
        assertEquals(0, limiter.size());
    }

    @Test
    void memoryIsBoundedAndIdleClientsAreForgotten() {
        RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(1), 1000, clock);
        for (int i = 0; i < 5000; i++) {
            limiter.acquire("10.0." + (i / 256) + "." + (i % 256));
        }
        assertEquals(1000, limiter.size(), "no more keys than the bound");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(0, limiter.size(), "keys whose window has passed are dropped");
    }

    @Test
    void theLeastRecentlyUsedClientGoesFirst() {
        RateLimiter limiter = new RateLimiter(1, Duration.ofMinutes(10), 2, clock);
        limiter.acquire("busy");
        limiter.acquire("idle");
        limiter.acquire("busy");
        limiter.acquire("new");
        assertTrue(limiter.check("busy").isPresent(), "still limited: recently used");
        assertTrue(limiter.check("idle").isEmpty(), "evicted");
    }
}
