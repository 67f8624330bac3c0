package io.casegate.delivery.control;

import java.time.Duration;
import java.util.random.RandomGenerator;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When to try a failed delivery again: exponential back-off from {@code base}, capped at
 * {@code max}, with "equal jitter" (half fixed, half random) so that the backlog of an outage
 * does not hit the recovered CRM all at the same instant; and how many attempts before giving up.
 */
@ApplicationScoped
public class RetryPolicy {

    @Inject
    @ConfigProperty(name = "casegate.delivery.retry.base", defaultValue = "5s")
    Duration base;

    @Inject
    @ConfigProperty(name = "casegate.delivery.retry.max", defaultValue = "30m")
    Duration max;

    @Inject
    @ConfigProperty(name = "casegate.delivery.retry.max-attempts", defaultValue = "30")
    int maxAttempts;

    RandomGenerator random = RandomGenerator.getDefault();

    public RetryPolicy() {}

    /** With a given source of randomness, so that tests can repeat a draw. */
    public RetryPolicy(Duration base, Duration max, int maxAttempts, RandomGenerator random) {
        this.base = base;
        this.max = max;
        this.maxAttempts = maxAttempts;
        this.random = random;
        check();
    }

    @PostConstruct
    void check() {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("casegate.delivery.retry: need 0 < base <= max and max-attempts >= 1");
        }
    }

    /** The wait before the next attempt, after {@code failedAttempts} (1 or more) attempts have failed. */
    public Duration delayAfter(int failedAttempts) {
        long ceilingMillis = ceilingMillis(failedAttempts);
        long half = ceilingMillis / 2;
        return Duration.ofMillis(half + random.nextLong(ceilingMillis - half + 1));
    }

    /** base · 2^(failedAttempts − 1), at most max, without overflowing. */
    long ceilingMillis(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 62));
        long baseMillis = base.toMillis();
        long maxMillis = max.toMillis();
        if (doublings >= Long.numberOfLeadingZeros(baseMillis) - 1) {
            return maxMillis;
        }
        return Math.min(maxMillis, baseMillis << doublings);
    }

    /** Whether another attempt is allowed after {@code attempts} attempts. */
    public boolean mayRetryAfter(int attempts) {
        return attempts < maxAttempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}
