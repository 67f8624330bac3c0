package io.casegate.attachments.boundary;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.casegate.platform.Sweeps;

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

    @Inject
    Sweeps sweeps;

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

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        sweeps.every(checkInterval, this::housekeeping);
    }

    /** With a retention of zero, a delivered submission's files go at once. */
    public void afterDelivery(UUID submissionId) {
        if (retention.isZero()) {
            removeExpiredSafely();
        }
    }

    private void housekeeping() {
        removeExpiredSafely();
        Sweeps.sweep(
                LOG,
                "Sweep of the published files (/files/)",
                externalFiles::removeExpired,
                copies -> "Removed " + copies + " expired copies of large files (/files/)");
        Sweeps.sweep(
                LOG,
                "Orphan sweep of the attachment store",
                this::removeOrphans,
                orphans -> "Removed " + orphans + " files of interrupted intakes from local storage");
    }

    private void removeExpiredSafely() {
        Sweeps.sweep(
                LOG,
                "Attachment retention",
                this::removeExpired,
                removed -> "Removed " + removed + " delivered attachments from local storage");
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
