package io.casegate.attachments.boundary;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Removes attachments from local storage once their submission is in the CRM and the retention
 * ({@code casegate.attachments.retention}, a duration such as {@code 7d}; {@code 0}
 * removes them at once after delivery) has passed. Their metadata stays, marked as removed. On the
 * same timer, the published copies of large files ({@code /files/}) whose lifetime has passed are
 * removed, whether or not anyone asks for them again (each node sweeps the data directory it sees;
 * removing a file twice is harmless).
 */
@ApplicationScoped
class AttachmentRetention {

    private static final Logger LOG = Logger.getLogger(AttachmentRetention.class.getName());

    @Inject
    Attachments attachments;

    @Inject
    AttachmentStore store;

    @Inject
    ExternalFileStore externalFiles;

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "casegate.attachments.retention", defaultValue = "7d")
    Duration retention;

    @Inject
    @ConfigProperty(name = "casegate.attachments.retention-check-interval", defaultValue = "1h")
    Duration checkInterval;

    /** Files this old that no submission owns are leftovers of an interrupted intake; far beyond any request's duration. */
    @Inject
    @ConfigProperty(name = "casegate.attachments.orphan-age", defaultValue = "24h")
    Duration orphanAge;

    private ScheduledFuture<?> schedule;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        long interval = Math.max(1000, checkInterval.toMillis());
        schedule = scheduler.scheduleWithFixedDelay(this::housekeeping, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /** With a retention of zero, a delivered submission's files go at once. */
    public void afterDelivery(UUID submissionId) {
        if (retention.isZero()) {
            removeExpiredSafely();
        }
    }

    private void housekeeping() {
        removeExpiredSafely();
        try {
            int copies = externalFiles.removeExpired();
            if (copies > 0) {
                LOG.info(() -> "Removed " + copies + " expired copies of large files (/files/)");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sweep of the published files (/files/) failed; trying again later", e);
        }
        try {
            int orphans = removeOrphans();
            if (orphans > 0) {
                LOG.info(() -> "Removed " + orphans + " files of interrupted intakes from local storage");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Orphan sweep of the attachment store failed; trying again later", e);
        }
    }

    private void removeExpiredSafely() {
        try {
            int removed = removeExpired();
            if (removed > 0) {
                LOG.info(() -> "Removed " + removed + " delivered attachments from local storage");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Attachment retention failed; trying again later", e);
        }
    }

    /** Files that no submission owns and that are older than {@code casegate.attachments.orphan-age}. */
    public int removeOrphans() {
        int removed = 0;
        for (String key : store.keysWrittenBefore(clock.instant().minus(orphanAge), 10_000)) {
            if (!attachments.isAttachment(key)) {
                store.delete(key);
                removed++;
            }
        }
        return removed;
    }

    public int removeExpired() {
        return attachments.removeDeliveredBefore(clock.instant().minus(retention), store::delete);
    }
}
