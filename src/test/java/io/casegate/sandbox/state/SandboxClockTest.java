package io.casegate.sandbox.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.casegate.sandbox.http.SandboxException;

class SandboxClockTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    private final Faults faults = new Faults(new SandboxSettings(
            "Supervisor",
            "Supervisor",
            3600,
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
    private final SandboxClock clock = new SandboxClock(Clock.fixed(START, ZoneOffset.UTC), faults);

    @Test
    void runsOnTheBaseClockUntilTheOffsetMovesIt() {
        assertEquals(START, clock.instant());
        faults.clockOffsetSeconds(3600);
        assertEquals(START.plusSeconds(3600), clock.instant());
        faults.clockOffsetSeconds(0);
        assertEquals(START, clock.instant());
    }

    @Test
    void anotherZoneSeesTheSameMovedTime() {
        Clock moscow = clock.withZone(ZoneId.of("Europe/Moscow"));
        faults.clockOffsetSeconds(60);
        assertEquals(START.plusSeconds(60), moscow.instant());
        assertSame(clock, clock.withZone(ZoneOffset.UTC));
    }

    @Test
    void theOffsetIsNeverNegativeNorBeyondAYear() {
        assertEquals(
                400,
                assertThrows(SandboxException.class, () -> faults.clockOffsetSeconds(-1))
                        .status());
        assertEquals(
                400,
                assertThrows(SandboxException.class, () -> faults.clockOffsetSeconds(366L * 24 * 3600 + 1))
                        .status());
        faults.clockOffsetSeconds(366L * 24 * 3600);
        assertEquals(START.plusSeconds(366L * 24 * 3600), clock.instant());
    }
}
