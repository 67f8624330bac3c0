package io.casegate.health.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class MonitoringTokenTest {

    static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @Test
    void withoutATokenEverybodyIsAdmittedAsBefore() {
        MonitoringToken open = new MonitoringToken(Optional.empty());
        assertFalse(open.required());
        assertTrue(open.admits(null));
        assertTrue(new MonitoringToken(Optional.of(" , ")).admits("Bearer anything"));
    }

    @Test
    void withATokenOnlyItsBearerIsAdmitted() {
        MonitoringToken closed = new MonitoringToken(Optional.of(TOKEN));
        assertTrue(closed.required());
        assertTrue(closed.admits("Bearer " + TOKEN));
        assertTrue(closed.admits("bearer " + TOKEN), "the scheme is case-insensitive (RFC 9110)");
        assertFalse(closed.admits(null));
        assertFalse(closed.admits(""));
        assertFalse(closed.admits("Bearer "));
        assertFalse(closed.admits(TOKEN), "the scheme is required");
        assertFalse(closed.admits("Basic " + TOKEN));
        assertFalse(closed.admits("Bearer " + TOKEN.substring(1)));
        assertFalse(closed.admits("Bearer " + TOKEN + "0"));
    }

    @Test
    void eachOfSeveralTokensIsAdmittedWhileOneReplacesAnother() {
        String next = "fedcba9876543210fedcba9876543210";
        MonitoringToken both = new MonitoringToken(Optional.of(TOKEN + ", " + next));
        assertTrue(both.admits("Bearer " + TOKEN));
        assertTrue(both.admits("Bearer " + next));
        assertFalse(both.admits("Bearer " + TOKEN + "," + next));
    }
}
