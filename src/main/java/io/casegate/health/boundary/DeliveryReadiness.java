package io.casegate.health.boundary;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.casegate.crm.boundary.CrmStatus;
import io.casegate.crm.entity.CrmSessionState;
import io.casegate.delivery.boundary.Outbox;
import io.casegate.feedback.boundary.Submissions;

/**
 * Reports how delivery to the CRM stands: whether the CRM answers, whether Casegate's credentials
 * work, and how old the oldest undelivered submission is. It stays UP whatever the CRM does:
 * submissions are stored first and delivered later, so a node is still worth sending visitors to
 * while the CRM is down. Operators alert on the data (and on the metrics), not on this status.
 */
@Readiness
@ApplicationScoped
class DeliveryReadiness implements HealthCheck {

    static final String NAME = "crm-delivery";
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    @Inject
    CrmStatus session;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(PROBE_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Override
    public HealthCheckResponse call() {
        CrmSessionState state = session.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .up()
                .withData("crmReachable", reachable(state.crm()))
                .withData("crmCredentials", credentials(state));
        try {
            Outbox.Backlog backlog = outbox.backlog(Submissions.DELIVER_CASE);
            response.withData("undelivered", backlog.pending())
                    .withData("deadLettered", backlog.dead())
                    .withData(
                            "oldestUndeliveredAgeSeconds",
                            backlog.oldestCreatedAt() == null
                                    ? 0
                                    : Math.max(
                                            0,
                                            Duration.between(backlog.oldestCreatedAt(), clock.instant())
                                                    .toSeconds()));
        } catch (RuntimeException databaseGone) {
            // The database check says DOWN; this one only lacks its numbers.
            response.withData("undelivered", "unknown");
        }
        return response.build();
    }

    /** Any HTTP answer counts: the CRM is there, whatever it thinks of an anonymous request. */
    boolean reachable(URI crm) {
        if (crm == null) {
            return false;
        }
        try {
            http.send(
                    HttpRequest.newBuilder(crm).timeout(PROBE_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code works}, {@code rejected} (the CRM refused the last login) or {@code not tried yet}. */
    static String credentials(CrmSessionState state) {
        Instant rejectedAt = state.lastLoginErrorAt();
        Instant since = state.loggedInSince();
        if (rejectedAt != null && (since == null || rejectedAt.isAfter(since))) {
            return "rejected";
        }
        return since != null || state.logins() > 0 ? "works" : "not tried yet";
    }
}
