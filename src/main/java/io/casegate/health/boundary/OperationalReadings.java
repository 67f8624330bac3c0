package io.casegate.health.boundary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.casegate.crm.boundary.CrmStatus;
import io.casegate.crm.entity.CrmSessionState;
import io.casegate.crm.entity.MappingCheck;
import io.casegate.delivery.boundary.Outbox;
import io.casegate.feedback.boundary.Submissions;
import io.casegate.platform.metrics.Meter;
import io.casegate.platform.metrics.Reading;

/**
 * The gauges an operator alerts on, read at each scrape of {@code /metrics}: the backlog (from the
 * database: the same on every node), this node's CRM session and the last check of the CRM
 * mapping. The same facts the readiness check {@code crm-delivery} gives as data, so that the
 * alerts can be written in Prometheus alone. Reads only, and never asks the CRM anything.
 */
@ApplicationScoped
class OperationalReadings {

    private static final Logger LOG = Logger.getLogger(OperationalReadings.class.getName());

    /** The states of {@code casegate_crm_session_state}, in the order they are written. */
    enum SessionState {
        LOGGED_IN,
        EXPIRED,
        FAILING,
        NOT_LOGGED_IN;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Inject
    Outbox outbox;

    @Inject
    CrmStatus crm;

    @Inject
    Clock clock;

    List<Reading> now() {
        List<Reading> readings = new ArrayList<>();
        Instant now = clock.instant();
        backlog(readings, now);
        readings.add(Reading.of(Meter.CRM_CONFIGURED, crm.configured() ? 1 : 0));
        CrmSessionState session = crm.state();
        SessionState state = sessionState(session, now);
        for (SessionState each : SessionState.values()) {
            readings.add(Reading.of(Meter.CRM_SESSION_STATE, each == state ? 1 : 0, each.label()));
        }
        if (session.tokenAge() != null) {
            readings.add(Reading.of(
                    Meter.CRM_SESSION_AGE, Math.max(0, session.tokenAge().toMillis() / 1000.0)));
        }
        MappingCheck.State mapping = crm.mapping().state();
        for (MappingCheck.State each : MappingCheck.State.values()) {
            readings.add(Reading.of(
                    Meter.CRM_MAPPING_STATE,
                    each == mapping ? 1 : 0,
                    each.name().toLowerCase(java.util.Locale.ROOT)));
        }
        return readings;
    }

    private void backlog(List<Reading> readings, Instant now) {
        Map<String, Outbox.Backlog> backlogs;
        try {
            backlogs = new TreeMap<>(outbox.backlogs());
        } catch (RuntimeException databaseGone) {
            // The scrape still answers: the node's other numbers matter most while the database is away.
            LOG.log(Level.FINE, "The backlog could not be read for /metrics", databaseGone);
            readings.add(Reading.of(Meter.DATABASE_UP, 0));
            return;
        }
        readings.add(Reading.of(Meter.DATABASE_UP, 1));
        // Undelivered submissions are always reported, 0 included, so that an alert on them never sees "no data".
        backlogs.putIfAbsent(Submissions.DELIVER_CASE, new Outbox.Backlog(0, null, 0));
        backlogs.forEach((kind, backlog) -> {
            readings.add(Reading.of(Meter.DELIVERY_PENDING, backlog.pending(), kind));
            readings.add(Reading.of(
                    Meter.DELIVERY_OLDEST_PENDING_AGE,
                    backlog.oldestCreatedAt() == null
                            ? 0
                            : Math.max(
                                    0,
                                    Duration.between(backlog.oldestCreatedAt(), now)
                                                    .toMillis()
                                            / 1000.0),
                    kind));
            readings.add(Reading.of(Meter.DELIVERY_DEAD, backlog.dead(), kind));
        });
    }

    /**
     * {@code failing} when the last login failed (refused, or the CRM did not answer) after the
     * session in hand was obtained; {@code logged_in} while a session is in hand and not yet due for
     * renewal; {@code expired} when it is due (the next delivery logs in again) or was dropped;
     * {@code not_logged_in} before the first login since start.
     */
    static SessionState sessionState(CrmSessionState session, Instant now) {
        Instant failedAt = session.lastLoginErrorAt();
        Instant since = session.loggedInSince();
        if (failedAt != null && (since == null || failedAt.isAfter(since))) {
            return SessionState.FAILING;
        }
        if (since != null) {
            return session.renewalDue() == null || now.isBefore(session.renewalDue())
                    ? SessionState.LOGGED_IN
                    : SessionState.EXPIRED;
        }
        return session.logins() > 0 ? SessionState.EXPIRED : SessionState.NOT_LOGGED_IN;
    }
}
