package io.casegate.feedback.control;

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

import io.casegate.attachments.control.AttachmentStore;

/**
 * Removes attachments from local storage once their submission is in the CRM and the retention
 * ({@code casegate.attachments.retention}, an ISO-8601 duration such as {@code P7D}; {@code 0}
 * removes them at once after delivery) has passed. Their metadata stays, marked as removed.
 */
@ApplicationScoped
public class AttachmentRetention {

    private static final Logger LOG = Logger.getLogger(AttachmentRetention.class.getName());

    @Inject
    SubmissionRecords records;

    @Inject
    AttachmentStore store;

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "casegate.attachments.retention", defaultValue = "P7D")
    String retention;

    @Inject
    @ConfigProperty(name = "casegate.attachments.retention-check-interval", defaultValue = "PT1H")
    Duration checkInterval;

    private ScheduledFuture<?> schedule;

    void start(@Observes @Initialized(jakarta.enterprise.context.ApplicationScoped.class) Object event) {
        long interval = Math.max(1000, checkInterval.toMillis());
        schedule = scheduler.scheduleWithFixedDelay(this::removeExpiredSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /** With a retention of zero, a delivered submission's files go at once. */
    public void afterDelivery(UUID submissionId) {
        if (retention().isZero()) {
            removeExpiredSafely();
        }
    }

    Duration retention() {
        return parse(retention);
    }

    static Duration parse(String value) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty() || trimmed.equals("0")) {
            return Duration.ZERO;
        }
        return Duration.parse(trimmed);
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

    public int removeExpired() {
        return records.removeAttachmentsDeliveredBefore(clock.instant().minus(retention()), store::delete);
    }
}
