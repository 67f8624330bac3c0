package io.casegate.platform;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Housekeeping that runs on a timer on every node: retention of files and of personal data. A
 * sweep must be safe to run on several nodes at once and to be interrupted (the next round goes
 * on); a failed round is logged and tried again at the next interval, never stopping the timer.
 */
@ApplicationScoped
public class Sweeps {

    private static final Logger LOG = Logger.getLogger(Sweeps.class.getName());

    /** The shortest interval, whatever the configuration says: a sweep is never a busy loop. */
    private static final long SHORTEST_INTERVAL_MILLIS = 1000;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final List<ScheduledFuture<?>> scheduled = new CopyOnWriteArrayList<>();

    /** Runs {@code round} every {@code interval}, the first time one interval from now. */
    public void every(Duration interval, Runnable round) {
        long millis = Math.max(SHORTEST_INTERVAL_MILLIS, interval.toMillis());
        scheduled.add(scheduler.scheduleWithFixedDelay(round, millis, millis, TimeUnit.MILLISECONDS));
    }

    @PreDestroy
    void stop() {
        scheduled.forEach(schedule -> schedule.cancel(false));
    }

    /**
     * Runs one sweep and logs what it did ({@code done}, when it did anything) or that it failed
     * ({@code what} failed; trying again later), so that one failing sweep never stops the others.
     */
    public static void sweep(Logger log, String what, IntSupplier sweep, IntFunction<String> done) {
        try {
            int count = sweep.getAsInt();
            if (count > 0) {
                log.info(() -> done.apply(count));
            }
        } catch (RuntimeException e) {
            log.log(Level.WARNING, what + " failed; trying again later", e);
        }
    }
}
