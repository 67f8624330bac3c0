package io.casegate.sandbox.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.casegate.sandbox.state.Faults;

/**
 * The live forms sessions (keyed by the {@code .ASPXAUTH} ticket) and bearer tokens. The idle timeout
 * slides and is read from {@link Faults} on every check, so a run-time change applies at once. Time
 * comes from the sandbox's clock, which a test moves ahead instead of waiting for an expiry.
 */
public final class Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, BearerToken> tokens = new ConcurrentHashMap<>();
    private final Faults faults;
    private final Clock clock;

    public Sessions(Faults faults, Clock clock) {
        this.faults = faults;
        this.clock = clock;
    }

    Session open() {
        Instant now = clock.instant();
        sessions.values().removeIf(session -> session.idleLongerThan(ttl(), now));
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
        Instant now = clock.instant();
        if (session.idleLongerThan(ttl(), now)) {
            sessions.remove(authTicket, session);
            return Optional.empty();
        }
        session.touch(now);
        return Optional.of(session);
    }

    /** True when the ticket named a session that was still open. */
    boolean close(String authTicket) {
        return sessions.remove(authTicket) != null;
    }

    BearerToken issueToken(long lifetimeSeconds) {
        Instant now = clock.instant();
        tokens.values().removeIf(token -> token.expiredAt(now));
        BearerToken token = new BearerToken(randomToken(48), lifetimeSeconds, now.plusSeconds(lifetimeSeconds));
        tokens.put(token.value(), token);
        return token;
    }

    Optional<BearerToken> validToken(String value) {
        BearerToken token = tokens.get(value);
        if (token == null) {
            return Optional.empty();
        }
        if (token.expiredAt(clock.instant())) {
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

    private Duration ttl() {
        return Duration.ofSeconds(faults.sessionTtlSeconds());
    }

    static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
