package io.casegate.sandbox.state;

import static io.casegate.sandbox.http.SandboxJson.JSON;

import java.util.concurrent.ThreadLocalRandom;

import jakarta.json.JsonObject;

import io.casegate.sandbox.http.SandboxException;

/**
 * The run-time switches that make the sandbox misbehave on purpose, for tests and rehearsals. Set at
 * start from configuration, changed at run time by {@code PUT /sandbox/_faults}.
 */
public final class Faults {

    private static final long MAX_LATENCY_MS = 120_000;
    /** A leap year: more than any timeout or SLA a rehearsal waits for, far from overflowing an Instant. */
    private static final long MAX_CLOCK_OFFSET_SECONDS = 366L * 24 * 60 * 60;

    private volatile long latencyMs;
    private volatile double errorRate;
    private volatile boolean outage;
    private volatile long sessionTtlSeconds;
    private volatile boolean redirectToLogin;
    private volatile long tokenLifetimeSeconds;
    private volatile long clockOffsetSeconds;
    private volatile int batchRefusedStatus;
    private volatile String failCreatesOf = "";

    public Faults(SandboxSettings settings) {
        latencyMs(settings.latencyMs());
        errorRate(settings.errorRate());
        outage(settings.outage());
        sessionTtlSeconds(settings.sessionTimeoutSeconds());
        redirectToLogin(settings.unauthenticatedRedirect());
        tokenLifetimeSeconds(settings.tokenLifetimeSeconds());
    }

    long latencyMs() {
        return latencyMs;
    }

    public void latencyMs(long value) {
        latencyMs = checkLatencyMs(value);
    }

    /** The checks are public so that {@code PUT /_faults} can check every value before it changes any. */
    public static long checkLatencyMs(long value) {
        if (value < 0 || value > MAX_LATENCY_MS) {
            throw SandboxException.badRequest(
                    "latencyMs must be between 0 and " + MAX_LATENCY_MS + ", got " + value + ".");
        }
        return value;
    }

    double errorRate() {
        return errorRate;
    }

    public void errorRate(double value) {
        errorRate = checkErrorRate(value);
    }

    public static double checkErrorRate(double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw SandboxException.badRequest("errorRate must be between 0 and 1, got " + value + ".");
        }
        return value;
    }

    public boolean outage() {
        return outage;
    }

    public void outage(boolean value) {
        outage = value;
    }

    public long sessionTtlSeconds() {
        return sessionTtlSeconds;
    }

    public void sessionTtlSeconds(long value) {
        sessionTtlSeconds = checkPositive("sessionTtlSeconds", value);
    }

    public static long checkPositive(String setting, long value) {
        if (value < 1) {
            throw SandboxException.badRequest(setting + " must be at least 1, got " + value + ".");
        }
        return value;
    }

    public boolean redirectToLogin() {
        return redirectToLogin;
    }

    public void redirectToLogin(boolean value) {
        redirectToLogin = value;
    }

    public long tokenLifetimeSeconds() {
        return tokenLifetimeSeconds;
    }

    /** Applies to tokens issued from now on; tokens already issued keep their expiry. */
    public void tokenLifetimeSeconds(long value) {
        tokenLifetimeSeconds = checkPositive("tokenLifetimeSeconds", value);
    }

    /**
     * How far {@link SandboxClock} runs ahead of the system clock. Only {@code _faults} moves it, no
     * configuration key does: a sandbox that started on a moved clock would puzzle whoever reads its dates.
     */
    long clockOffsetSeconds() {
        return clockOffsetSeconds;
    }

    public void clockOffsetSeconds(long value) {
        clockOffsetSeconds = checkClockOffsetSeconds(value);
    }

    public static long checkClockOffsetSeconds(long value) {
        if (value < 0 || value > MAX_CLOCK_OFFSET_SECONDS) {
            throw SandboxException.badRequest(
                    "clockOffsetSeconds must be between 0 and " + MAX_CLOCK_OFFSET_SECONDS + ", got " + value + ".");
        }
        return value;
    }

    /**
     * The status with which {@code $batch} is refused (0: it is served): 404 as a Creatio older than
     * 7.16.1 answers, which has no such route; 403 or 405 as a proxy that blocks it would.
     */
    public int batchRefusedStatus() {
        return batchRefusedStatus;
    }

    public void batchRefusedStatus(int value) {
        batchRefusedStatus = checkBatchRefusedStatus(value);
    }

    public static int checkBatchRefusedStatus(long value) {
        if (value != 0 && (value < 400 || value > 599)) {
            throw SandboxException.badRequest(
                    "batchRefusedStatus must be 0 (served) or an error status 400-599, got " + value + ".");
        }
        return (int) value;
    }

    /** The entity set whose creates fail as a database timeout would ("" for none), alone or inside a batch. */
    public boolean failsCreatesOf(String entitySet) {
        return !failCreatesOf.isEmpty() && failCreatesOf.equalsIgnoreCase(entitySet);
    }

    public void failCreatesOf(String entitySet) {
        failCreatesOf = entitySet == null ? "" : entitySet.strip();
    }

    /** Whether this call is one of the {@link #errorRate()} share that fails. */
    public boolean drawsError() {
        double rate = errorRate;
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    public void delay() {
        long delay = latencyMs;
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public JsonObject toJson() {
        return JSON.createObjectBuilder()
                .add("latencyMs", latencyMs)
                .add("errorRate", errorRate)
                .add("outage", outage)
                .add("sessionTtlSeconds", sessionTtlSeconds)
                .add("redirectToLogin", redirectToLogin)
                .add("tokenLifetimeSeconds", tokenLifetimeSeconds)
                .add("clockOffsetSeconds", clockOffsetSeconds)
                .add("batchRefusedStatus", batchRefusedStatus)
                .add("failCreatesOf", failCreatesOf)
                .build();
    }
}
