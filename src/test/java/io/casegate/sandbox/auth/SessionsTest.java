package io.casegate.sandbox.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.casegate.sandbox.state.Faults;
import io.casegate.sandbox.state.SandboxClock;
import io.casegate.sandbox.state.SandboxSettings;

class SessionsTest {

    private final Faults faults = new Faults(new SandboxSettings(
            "Supervisor",
            "Supervisor",
            60,
            false,
            10_485_760,
            16_777_216,
            "id",
            "secret",
            3600,
            0,
            0.0,
            false,
            java.util.Optional.empty(),
            false));
    /** A stopped base clock: only the offset moves time, so the tests are exact. */
    private final Clock stopped = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC);

    private final Sessions sessions = new Sessions(faults, new SandboxClock(stopped, faults));
    private long clockOffsetSeconds;

    /** Moves time as {@code PUT /_faults {"clockOffsetSeconds":…}} does. */
    private void advanceSeconds(long seconds) {
        clockOffsetSeconds += seconds;
        faults.clockOffsetSeconds(clockOffsetSeconds);
    }

    @Test
    void theIdleTimeoutSlidesWithUse() {
        Session session = sessions.open();
        for (int i = 0; i < 5; i++) {
            advanceSeconds(50);
            assertTrue(sessions.resume(session.authTicket()).isPresent(), "round " + i);
        }
        advanceSeconds(61);
        assertTrue(sessions.resume(session.authTicket()).isEmpty());
    }

    @Test
    void aShorterTimeoutAppliesToExistingSessionsAtOnce() {
        Session session = sessions.open();
        advanceSeconds(5);
        faults.sessionTtlSeconds(3);
        assertTrue(sessions.resume(session.authTicket()).isEmpty());
    }

    @Test
    void rotatingCsrfChangesEveryLiveSessionsToken() {
        Session first = sessions.open();
        Session second = sessions.open();
        String firstToken = first.csrfToken();
        String secondToken = second.csrfToken();
        sessions.rotateCsrf();
        assertNotEquals(firstToken, first.csrfToken());
        assertNotEquals(secondToken, second.csrfToken());
        assertTrue(sessions.resume(first.authTicket()).isPresent(), "the session itself lives on");
    }

    @Test
    void tokensExpireWithoutSliding() {
        BearerToken token = sessions.issueToken(10);
        advanceSeconds(9);
        assertTrue(sessions.validToken(token.value()).isPresent());
        advanceSeconds(1);
        assertTrue(sessions.validToken(token.value()).isEmpty());
        assertEquals(10, token.lifetimeSeconds());
    }

    @Test
    void expireAllEndsSessionsAndTokens() {
        Session session = sessions.open();
        BearerToken token = sessions.issueToken(3600);
        sessions.expireAll();
        assertTrue(sessions.resume(session.authTicket()).isEmpty());
        assertTrue(sessions.validToken(token.value()).isEmpty());
    }
}
