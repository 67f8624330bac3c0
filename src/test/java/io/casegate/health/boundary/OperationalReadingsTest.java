package io.casegate.health.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.casegate.crm.entity.CrmSessionState;
import io.casegate.health.boundary.OperationalReadings.SessionState;

class OperationalReadingsTest {

    static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void beforeAnyLoginTheNodeIsNotLoggedIn() {
        assertEquals(SessionState.NOT_LOGGED_IN, OperationalReadings.sessionState(state(null, null, 0, null), T));
    }

    @Test
    void aSessionBeforeItsRenewalIsLoggedInAndAfterItExpired() {
        CrmSessionState session = state(T, T.plusSeconds(600), 1, null);
        assertEquals(SessionState.LOGGED_IN, OperationalReadings.sessionState(session, T.plusSeconds(599)));
        assertEquals(SessionState.EXPIRED, OperationalReadings.sessionState(session, T.plusSeconds(600)));
        // Dropped (the CRM said 401) after logins: expired until the next delivery logs in again.
        assertEquals(SessionState.EXPIRED, OperationalReadings.sessionState(state(null, null, 3, null), T));
    }

    @Test
    void aLoginThatFailedAfterTheSessionInHandIsFailing() {
        assertEquals(SessionState.FAILING, OperationalReadings.sessionState(state(null, null, 0, T), T));
        assertEquals(
                SessionState.FAILING,
                OperationalReadings.sessionState(state(T, T.plusSeconds(600), 1, T.plusSeconds(5)), T.plusSeconds(6)));
        // A later successful login ends it.
        assertEquals(
                SessionState.LOGGED_IN,
                OperationalReadings.sessionState(
                        state(T.plusSeconds(10), T.plusSeconds(600), 2, T.plusSeconds(5)), T.plusSeconds(11)));
    }

    private static CrmSessionState state(Instant since, Instant renewalDue, long logins, Instant failedAt) {
        return new CrmSessionState(
                "forms",
                URI.create("http://127.0.0.1:1/"),
                since,
                since == null ? null : Duration.ofMinutes(1),
                renewalDue,
                logins,
                failedAt == null ? 0 : 1,
                failedAt == null ? null : "refused",
                failedAt,
                null);
    }
}
