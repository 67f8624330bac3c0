package io.casegate.health.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.casegate.crm.entity.CrmSessionState;

class DeliveryReadinessTest {

    static final Instant T = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void credentialsAreNotTriedBeforeTheFirstLogin() {
        assertEquals("not tried yet", DeliveryReadiness.credentials(state(null, 0, null)));
    }

    @Test
    void credentialsWorkWhileASessionIsNewerThanTheLastRejection() {
        assertEquals("works", DeliveryReadiness.credentials(state(T, 1, null)));
        assertEquals("works", DeliveryReadiness.credentials(state(T.plusSeconds(60), 2, T)));
    }

    @Test
    void credentialsAreRejectedWhenTheLastLoginFailedAfterTheSession() {
        assertEquals("rejected", DeliveryReadiness.credentials(state(null, 0, T)));
        assertEquals("rejected", DeliveryReadiness.credentials(state(T, 1, T.plusSeconds(60))));
    }

    @Test
    void anUnreachableCrmIsReportedNotThrown() {
        DeliveryReadiness cut = new DeliveryReadiness();
        assertEquals(false, cut.reachable(URI.create("http://127.0.0.1:1/")));
        assertEquals(false, cut.reachable(null));
    }

    private static CrmSessionState state(Instant loggedInSince, long logins, Instant rejectedAt) {
        return new CrmSessionState(
                "forms",
                URI.create("http://127.0.0.1:1/"),
                loggedInSince,
                loggedInSince == null ? null : Duration.ofMinutes(1),
                null,
                logins,
                rejectedAt == null ? 0 : 1,
                rejectedAt == null ? null : "rejected",
                rejectedAt,
                null);
    }
}
