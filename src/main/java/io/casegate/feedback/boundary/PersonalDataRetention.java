package io.casegate.feedback.boundary;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.casegate.platform.Sweeps;

/**
 * Anonymises delivered submissions once {@code casegate.privacy.retention} (default 30 days) has
 * passed since their delivery, every {@code casegate.privacy.check-interval}. Each node runs it;
 * each submission is claimed by a conditional UPDATE, so two nodes on one database never do one
 * twice, and an interrupted round is finished by the next.
 */
@ApplicationScoped
class PersonalDataRetention {

    private static final Logger LOG = Logger.getLogger(PersonalDataRetention.class.getName());

    /** Submissions per round; the next round goes on where this one stopped. */
    static final int BATCH = 500;

    @Inject
    PersonalData personalData;

    @Inject
    Clock clock;

    @Inject
    Sweeps sweeps;

    @Inject
    @ConfigProperty(name = "casegate.privacy.retention", defaultValue = "30d")
    Duration retention;

    @Inject
    @ConfigProperty(name = "casegate.privacy.check-interval", defaultValue = "1h")
    Duration checkInterval;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        sweeps.every(
                checkInterval,
                () -> Sweeps.sweep(
                        LOG,
                        "Anonymisation of delivered submissions",
                        this::anonymiseExpired,
                        done -> "Anonymised the personal data of " + done + " delivered submissions"));
        LOG.info(() -> "Personal data of delivered submissions is anonymised " + retention + " after delivery");
    }

    /** One round: how many submissions this node anonymised. */
    int anonymiseExpired() {
        List<UUID> due = personalData.deliveredBefore(clock.instant().minus(retention), BATCH);
        int done = 0;
        for (UUID id : due) {
            try {
                if (personalData.anonymiseDelivered(id)) {
                    done++;
                }
            } catch (RuntimeException e) {
                // Another node holding the row, or a file that would not go: the next round retries.
                LOG.log(Level.FINE, "Anonymisation of " + id + " postponed", e);
            }
        }
        return done;
    }
}
