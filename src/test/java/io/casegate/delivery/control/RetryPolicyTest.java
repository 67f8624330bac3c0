package io.casegate.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    RetryPolicy cut = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(30), 10, new Random(42));

    @Test
    void ceilingDoublesFromTheBaseUpToTheMaximum() {
        assertEquals(5_000, cut.ceilingMillis(1));
        assertEquals(10_000, cut.ceilingMillis(2));
        assertEquals(20_000, cut.ceilingMillis(3));
        assertEquals(1_280_000, cut.ceilingMillis(9));
        assertEquals(1_800_000, cut.ceilingMillis(10));
        assertEquals(1_800_000, cut.ceilingMillis(1_000));
    }

    @Test
    void delayIsBetweenHalfTheCeilingAndTheCeiling() {
        for (int attempt = 1; attempt < 40; attempt++) {
            long ceiling = cut.ceilingMillis(attempt);
            for (int draw = 0; draw < 50; draw++) {
                long delay = cut.delayAfter(attempt).toMillis();
                assertTrue(
                        delay >= ceiling / 2 && delay <= ceiling,
                        attempt + ": " + delay + " outside [" + ceiling / 2 + ", " + ceiling + "]");
            }
        }
    }

    @Test
    void jitterSpreadsTheRetriesOfAnOutage() {
        Set<Duration> delays = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            delays.add(cut.delayAfter(3));
        }
        assertTrue(
                delays.size() > 40,
                "50 retries after the same failure should not be synchronised: " + delays.size() + " distinct");
    }

    @Test
    void givesUpAfterTheMaximumNumberOfAttempts() {
        assertTrue(cut.mayRetryAfter(9));
        assertFalse(cut.mayRetryAfter(10));
    }

    @Test
    void refusesNonsensicalSettings() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ZERO, Duration.ofMinutes(1), 3, new Random()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ofMinutes(2), Duration.ofMinutes(1), 3, new Random()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), 0, new Random()));
    }

    @Test
    void hugeAttemptCountsDoNotOverflow() {
        RetryPolicy longBase = new RetryPolicy(Duration.ofDays(1), Duration.ofDays(3650), 10, new Random(1));
        assertEquals(Duration.ofDays(3650).toMillis(), longBase.ceilingMillis(Integer.MAX_VALUE));
        assertNotEquals(0, longBase.delayAfter(Integer.MAX_VALUE).toMillis());
    }
}
