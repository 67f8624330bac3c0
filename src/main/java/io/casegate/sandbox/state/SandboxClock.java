package io.casegate.sandbox.state;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The sandbox's time: a base clock (the system's) run ahead by the {@code clockOffsetSeconds} switch,
 * so that a test or a rehearsal can let sessions and tokens expire without waiting for them. Session
 * idle time, token expiry and record timestamps all read this clock, so they agree on the time.
 */
public final class SandboxClock extends Clock {

    private final Clock base;
    private final Faults faults;

    public SandboxClock(Clock base, Faults faults) {
        this.base = base;
        this.faults = faults;
    }

    @Override
    public Instant instant() {
        return base.instant().plusSeconds(faults.clockOffsetSeconds());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    /** The same time, offset included, seen in another zone. */
    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(base.getZone()) ? this : new SandboxClock(base.withZone(zone), faults);
    }
}
