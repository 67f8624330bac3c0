package io.casegate.sandbox.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.casegate.sandbox.state.Faults;

/**
 * The live forms sessions (keyed by the {@code .ASPXAUTH} ticket) and bearer tokens. The idle timeout
 * slides and is read from {@link Faults} on every check, so a run-time change applies at once.
 */
public final class Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, BearerToken> tokens = new ConcurrentHashMap<>();
    private final Faults faults;
    private final LongSupplier clock;

    public Sessions(Faults faults) {
        this(faults, System::nanoTime);
    }

    Sessions(Faults faults, LongSupplier clock) {
        this.faults = faults;
        this.clock = clock;
    }

    Session open() {
        long now = clock.getAsLong();
        sessions.values().removeIf(session -> session.idleLongerThan(ttlNanos(), now));
        Session session = new Session(randomToken(48), randomToken(24), randomToken(24), randomToken(16), now);
        sessions.put(session.authTicket(), session);
        return session;
    }

    /** The live session that the ticket names, touched; empty when unknown or idle too long. */
    Optional<Session> resume(String authTicket) {
        Session session = sessions.get(authTicket);
        if (session == null) {
            return Optional.empty();
        }
        long now = clock.getAsLong();
        if (session.idleLongerThan(ttlNanos(), now)) {
            sessions.remove(authTicket, session);
            return Optional.empty();
        }
        session.touch(now);
        return Optional.of(session);
    }

    void close(String authTicket) {
        sessions.remove(authTicket);
    }

    BearerToken issueToken(long lifetimeSeconds) {
        long now = clock.getAsLong();
        tokens.values().removeIf(token -> token.expiredAt(now));
        BearerToken token = new BearerToken(randomToken(48), lifetimeSeconds, now + TimeUnit.SECONDS.toNanos(lifetimeSeconds));
        tokens.put(token.value(), token);
        return token;
    }

    Optional<BearerToken> validToken(String value) {
        BearerToken token = tokens.get(value);
        if (token == null) {
            return Optional.empty();
        }
        if (token.expiredAt(clock.getAsLong())) {
            tokens.remove(value, token);
            return Optional.empty();
        }
        return Optional.of(token);
    }

    /** The expireAllSessionsNow fault: every session and every bearer token ends. */
    public void expireAll() {
        sessions.clear();
        tokens.clear();
    }

    /**
     * The rotateCsrf fault: every live session gets a new token that nobody is told about, as when a
     * server farm loses its key: clients still sending the old header get 403 until they log in again.
     */
    public void rotateCsrf() {
        sessions.values().forEach(session -> session.csrfToken(randomToken(16)));
    }

    private long ttlNanos() {
        return TimeUnit.SECONDS.toNanos(faults.sessionTtlSeconds());
    }

    static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
