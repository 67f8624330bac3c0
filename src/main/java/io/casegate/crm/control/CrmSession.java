package io.casegate.crm.control;

import static io.casegate.platform.Jsonp.JSON;

import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;

import io.casegate.crm.entity.CrmAuthenticationException;
import io.casegate.crm.entity.CrmCallObserver;
import io.casegate.crm.entity.CrmException;
import io.casegate.crm.entity.CrmSessionState;
import io.casegate.crm.entity.CrmUnavailableException;

/**
 * Casegate's one session with the CRM, shared by every caller.
 * <p>
 * Holds the current {@link SessionSnapshot} and renews it when it is due (by the configured
 * lifetime, checked against the {@link Clock}) or when the CRM rejected it. Renewal is single-flight:
 * callers that find the same stale snapshot wait on one lock, and only the first logs in; the
 * others take its result. After the CRM rejects the credentials, further logins back off (doubling
 * up to a maximum), and callers in between fail fast with the same error instead of hammering the
 * CRM and locking the account.
 */
@ApplicationScoped
public class CrmSession {

    private static final Logger LOG = Logger.getLogger(CrmSession.class.getName());
    private static final String LOGIN_PATH = "/ServiceModel/AuthService.svc/Login";
    /** Not documented by the vendor for integrations; Creatio's own login page script uses it (creatio-api.md §1.7). */
    private static final String LOGOUT_PATH = "/ServiceModel/AuthService.svc/Logout";
    /** An OAuth token is renewed this long before the CRM says it expires. */
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(30);

    @Inject
    CrmSettings settings;

    @Inject
    CrmTransport transport;

    @Inject
    Clock clock;

    private final ReentrantLock renewal = new ReentrantLock();
    private volatile SessionSnapshot current;
    private volatile long logins;
    private volatile long failedLogins;
    private volatile long logouts;
    private volatile int consecutiveRejections;
    private volatile String lastLoginError;
    private volatile Instant lastLoginErrorAt;
    private volatile Instant nextLoginAttempt;

    public CrmSession() {}

    /** Wired by hand, for tests. */
    public CrmSession(CrmSettings settings, CrmTransport transport, Clock clock) {
        this.settings = settings;
        this.transport = transport;
        this.clock = clock;
    }

    /**
     * A usable session, logging in first when there is none or it is due for renewal. A session
     * replaced because it was due is still alive in the CRM: it is logged out, so that it does not
     * hold a licence seat until the CRM's idle timeout ends it.
     */
    SessionSnapshot current(CrmCallObserver observer) {
        SessionSnapshot snapshot = current;
        if (snapshot != null && snapshot.isUsableAt(clock.instant())) {
            return snapshot;
        }
        return renew(snapshot, observer, true);
    }

    /**
     * A session other than {@code rejected}: logs in unless another caller already replaced it.
     * Pass what {@link #current} returned for the request that the CRM refused. The CRM has already
     * ended a session it refuses, so it is not logged out.
     */
    SessionSnapshot renew(SessionSnapshot rejected, CrmCallObserver observer) {
        return renew(rejected, observer, false);
    }

    private SessionSnapshot renew(SessionSnapshot replaced, CrmCallObserver observer, boolean replacedIsAlive) {
        SessionSnapshot fresh;
        renewal.lock();
        try {
            SessionSnapshot snapshot = current;
            if (snapshot != null && snapshot != replaced && snapshot.isUsableAt(clock.instant())) {
                return snapshot;
            }
            Instant notBefore = nextLoginAttempt;
            if (notBefore != null && clock.instant().isBefore(notBefore)) {
                throw new CrmAuthenticationException(
                        lastLoginError + " (no new login attempt before " + notBefore + ")");
            }
            current = null;
            fresh = login(observer);
            current = fresh;
        } finally {
            renewal.unlock();
        }
        if (replacedIsAlive && replaced != null) {
            logOut(replaced);
        }
        return fresh;
    }

    /**
     * Keeps what a later answer of the CRM set: a session cookie issued on the first authenticated
     * request ({@code BPMSESSIONID} on some builds), a renewed {@code BPMCSRF}, a cookie it cleared.
     * Only the session that {@code used} names is updated; a renewal in between wins.
     */
    void absorbCookies(SessionSnapshot used, CrmTransport.Exchange answer) {
        List<String> setCookies = answer.header("Set-Cookie");
        if (setCookies.isEmpty() || used.bearerToken() != null) {
            return;
        }
        renewal.lock();
        try {
            if (current == used) {
                SessionSnapshot updated = used.withCookies(setCookies, clock.instant());
                if (!updated.cookies().equals(used.cookies())) {
                    current = updated;
                }
            }
        } finally {
            renewal.unlock();
        }
    }

    /** Ends the current forms session when the application stops (a redeploy would otherwise leave it open). */
    @PreDestroy
    void close() {
        SessionSnapshot snapshot = current;
        current = null;
        if (snapshot != null) {
            logOut(snapshot);
        }
    }

    /**
     * Best effort: a session that cannot be logged out ends by the CRM's idle timeout anyway. Not a
     * call of any submission, so not observed as one.
     */
    private void logOut(SessionSnapshot snapshot) {
        if (snapshot.bearerToken() != null) {
            return;
        }
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", MediaType.APPLICATION_JSON);
            headers.put("ForceUseSession", "true");
            headers.putAll(snapshot.headers());
            CrmTransport.Exchange answer = transport.exchangeInTurn(
                    "POST",
                    transport.uri(LOGOUT_PATH, Map.of()),
                    headers,
                    Entity.entity("{}", MediaType.APPLICATION_JSON_TYPE),
                    true);
            logouts++;
            LOG.fine(() -> "Logged out of the replaced CRM session: HTTP " + answer.status());
        } catch (RuntimeException failed) {
            LOG.fine(() -> "Could not log out of a replaced CRM session: " + failed.getMessage());
        }
    }

    /** How many replaced sessions Casegate has logged out since it started. */
    public long logouts() {
        return logouts;
    }

    public CrmSessionState state() {
        SessionSnapshot snapshot = current;
        Instant now = clock.instant();
        return new CrmSessionState(
                settings.authentication().name().toLowerCase(Locale.ROOT),
                transport.crmUrl(),
                snapshot == null ? null : snapshot.issuedAt(),
                snapshot == null ? null : Duration.between(snapshot.issuedAt(), now),
                snapshot == null ? null : snapshot.renewalDue(),
                logins,
                failedLogins,
                lastLoginError,
                lastLoginErrorAt,
                nextLoginAttempt != null && now.isBefore(nextLoginAttempt) ? nextLoginAttempt : null);
    }

    private SessionSnapshot login(CrmCallObserver observer) {
        long started = System.nanoTime();
        try {
            SessionSnapshot fresh =
                    settings.authentication() == CrmSettings.Authentication.OAUTH ? requestToken() : formsLogin();
            logins++;
            consecutiveRejections = 0;
            nextLoginAttempt = null;
            observer.login(true, (System.nanoTime() - started) / 1_000_000);
            LOG.fine(() -> "Logged in to the CRM; renewal due " + fresh.renewalDue());
            return fresh;
        } catch (CrmAuthenticationException rejected) {
            failedLogins++;
            consecutiveRejections++;
            Instant now = clock.instant();
            lastLoginError = rejected.getMessage();
            lastLoginErrorAt = now;
            nextLoginAttempt = now.plus(backoff(consecutiveRejections));
            observer.login(false, (System.nanoTime() - started) / 1_000_000);
            LOG.log(Level.WARNING, "Login to the CRM failed; next attempt not before {0}: {1}", new Object[] {
                nextLoginAttempt, rejected.getMessage()
            });
            throw rejected;
        } catch (CrmException unavailable) {
            failedLogins++;
            lastLoginError = unavailable.getMessage();
            lastLoginErrorAt = clock.instant();
            observer.login(false, (System.nanoTime() - started) / 1_000_000);
            throw unavailable;
        }
    }

    private Duration backoff(int rejections) {
        Duration wait = settings.loginBackoff();
        for (int i = 1; i < rejections && wait.compareTo(settings.loginBackoffMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.loginBackoffMax()) > 0 ? settings.loginBackoffMax() : wait;
    }

    private SessionSnapshot formsLogin() {
        String body = JSON.createObjectBuilder()
                .add("UserName", settings.username())
                .add("UserPassword", settings.password())
                .build()
                .toString();
        Instant issuedAt = clock.instant();
        CrmTransport.Exchange answer = transport.exchangeInTurn(
                "POST",
                transport.uri(LOGIN_PATH, Map.of()),
                Map.of("Accept", MediaType.APPLICATION_JSON, "ForceUseSession", "true"),
                Entity.entity(body, MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8")),
                true);
        if (answer.status() >= 500) {
            throw new CrmUnavailableException("The CRM's login answered HTTP " + answer.status(), null);
        }
        if (answer.status() != 200 || !answer.isJson()) {
            throw new CrmAuthenticationException("The CRM's login endpoint " + LOGIN_PATH + " answered HTTP "
                    + answer.status() + (answer.isJson() ? "" : " without JSON") + "; check casegate.crm.url");
        }
        JsonObject result = JSON.createReader(new StringReader(answer.body())).readObject();
        int code = result.getInt("Code", -1);
        if (code != 0) {
            throw new CrmAuthenticationException("The CRM rejected Casegate's login: " + loginMessage(result)
                    + " (check casegate.crm.username and casegate.crm.password)");
        }
        Map<String, String> cookies = cookies(answer);
        if (cookies.isEmpty()) {
            throw new CrmAuthenticationException("The CRM's login succeeded but set no session cookie");
        }
        return SessionSnapshot.forms(cookies, issuedAt, issuedAt.plus(settings.sessionLifetime()));
    }

    private static String loginMessage(JsonObject result) {
        String message = result.getString("Message", "");
        if (message.isBlank() && result.get("Exception") instanceof JsonObject exception) {
            message = exception.getString("Message", "");
        }
        return message.isBlank() ? "code " + result.get("Code") : message;
    }

    /** Name and value of every cookie the login set. */
    static Map<String, String> cookies(CrmTransport.Exchange answer) {
        return SessionSnapshot.merge(Map.of(), answer.header("Set-Cookie"), Instant.EPOCH);
    }

    private SessionSnapshot requestToken() {
        Form form = new Form()
                .param("grant_type", "client_credentials")
                .param("client_id", settings.clientId())
                .param("client_secret", settings.clientSecret());
        Instant issuedAt = clock.instant();
        CrmTransport.Exchange answer = transport.exchangeInTurn(
                "POST", transport.tokenUrl(), Map.of("Accept", MediaType.APPLICATION_JSON), Entity.form(form), true);
        if (answer.status() >= 500) {
            throw new CrmUnavailableException("The CRM's identity service answered HTTP " + answer.status(), null);
        }
        JsonObject result = answer.isJson()
                ? JSON.createReader(new StringReader(answer.body())).readObject()
                : null;
        if (answer.status() != 200 || result == null || !result.containsKey("access_token")) {
            String reason = result == null
                    ? "HTTP " + answer.status() + " without JSON; check casegate.crm.token-url"
                    : result.getString("error_description", result.getString("error", "HTTP " + answer.status()));
            throw new CrmAuthenticationException("The CRM's identity service refused Casegate's client credentials: "
                    + reason + " (check casegate.crm.client-id and casegate.crm.client-secret)");
        }
        long expiresIn = result.containsKey("expires_in")
                ? result.getJsonNumber("expires_in").longValue()
                : 3600;
        Instant renewalDue = issuedAt.plusSeconds(expiresIn).minus(TOKEN_MARGIN);
        Instant byLifetime = issuedAt.plus(settings.sessionLifetime());
        return SessionSnapshot.bearer(
                result.getString("access_token"), issuedAt, renewalDue.isBefore(byLifetime) ? renewalDue : byLifetime);
    }
}
