package io.casegate.crm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.client.Entity;

import org.junit.jupiter.api.Test;

import io.casegate.crm.entity.CrmAuthenticationException;
import io.casegate.crm.entity.CrmCallObserver;
import io.casegate.testing.MapConfig;
import io.casegate.testing.MovableClock;

class CrmSessionTest {

    /** Answers logins like Creatio does, and counts them. */
    static final class LoginCounter extends CrmTransport {
        final AtomicInteger logins = new AtomicInteger();
        volatile boolean acceptCredentials = true;

        LoginCounter() {
            super(null, null);
        }

        @Override
        public URI crmUrl() {
            return URI.create("http://127.0.0.1:1/crm");
        }

        /** The Cookie header of each logout request. */
        final List<String> logouts = new CopyOnWriteArrayList<>();

        @Override
        Exchange exchange(String method, URI uri, Map<String, String> headers, Entity<?> body) {
            if (uri.getPath().endsWith("/ServiceModel/AuthService.svc/Logout")) {
                logouts.add(headers.get("Cookie"));
                return new Exchange(200, "application/json", Map.of(), "{}", 1);
            }
            int number = logins.incrementAndGet();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!acceptCredentials) {
                return new Exchange(
                        200,
                        "application/json",
                        Map.of(),
                        "{\"Code\":1,\"Message\":\"Either invalid username or password specified, or your user account is inactive.\",\"Exception\":null}",
                        20);
            }
            return new Exchange(
                    200,
                    "application/json; charset=utf-8",
                    Map.of(
                            "Set-Cookie",
                            List.of(
                                    ".ASPXAUTH=auth" + number + "; path=/; HttpOnly",
                                    "BPMCSRF=csrf" + number + "; path=/",
                                    "BPMLOADER=loader; path=/; HttpOnly")),
                    "{\"Code\":0,\"Message\":\"\",\"Exception\":null,\"PasswordChangeUrl\":null,\"RedirectUrl\":null}",
                    20);
        }
    }

    final MovableClock clock = new MovableClock(Instant.parse("2026-05-01T10:00:00Z"));
    final LoginCounter transport = new LoginCounter();
    final CrmSession cut = new CrmSession(settings(), transport, clock);

    static CrmSettings settings() {
        return CrmSettings.from(MapConfig.of(Map.of()));
    }

    @Test
    void keepsCookiesAndCsrfTokenOfOneLogin() {
        SessionSnapshot snapshot = cut.current(CrmCallObserver.NONE);
        assertEquals("csrf1", snapshot.csrfToken());
        assertEquals(
                Map.of("Cookie", ".ASPXAUTH=auth1; BPMCSRF=csrf1; BPMLOADER=loader", "BPMCSRF", "csrf1"),
                snapshot.headers());
        assertFalse(snapshot.toString().contains("csrf1"), "tokens never reach a log");
    }

    @Test
    void reusesTheSessionUntilItsLifetimeEndsByTheClock() {
        SessionSnapshot first = cut.current(CrmCallObserver.NONE);
        clock.advance(Duration.ofMinutes(49));
        assertSame(first, cut.current(CrmCallObserver.NONE));
        assertEquals(1, transport.logins.get());

        clock.advance(Duration.ofMinutes(1));
        SessionSnapshot second = cut.current(CrmCallObserver.NONE);
        assertNotSame(first, second);
        assertEquals(2, transport.logins.get());
        assertEquals(Duration.ZERO, cut.state().tokenAge());
        assertEquals(clock.instant().plus(Duration.ofMinutes(50)), cut.state().renewalDue());
    }

    @Test
    void aSessionReplacedBecauseItWasDueIsLoggedOutSoThatItFreesItsLicence() {
        cut.current(CrmCallObserver.NONE);
        clock.advance(Duration.ofMinutes(50));
        cut.current(CrmCallObserver.NONE);

        assertEquals(List.of(".ASPXAUTH=auth1; BPMCSRF=csrf1; BPMLOADER=loader"), transport.logouts);
        assertEquals(1, cut.logouts());
    }

    @Test
    void aSessionTheCrmRefusedIsNotLoggedOutAgain() {
        SessionSnapshot refused = cut.current(CrmCallObserver.NONE);
        cut.renew(refused, CrmCallObserver.NONE);

        assertEquals(List.of(), transport.logouts);
    }

    @Test
    void theSessionIsLoggedOutWhenTheApplicationStops() {
        cut.current(CrmCallObserver.NONE);
        cut.close();

        assertEquals(1, transport.logouts.size());
    }

    @Test
    void cookiesThatLaterAnswersSetAreKeptAndClearedOnesDropped() {
        SessionSnapshot first = cut.current(CrmCallObserver.NONE);
        cut.absorbCookies(
                first,
                new CrmTransport.Exchange(
                        200,
                        "application/json",
                        Map.of(
                                "Set-Cookie",
                                List.of(
                                        "BPMSESSIONID=s1; path=/; HttpOnly",
                                        "BPMCSRF=csrf-rotated; path=/",
                                        "BPMLOADER=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/")),
                        "{}",
                        1));

        SessionSnapshot now = cut.current(CrmCallObserver.NONE);
        assertEquals(
                Map.of("Cookie", ".ASPXAUTH=auth1; BPMCSRF=csrf-rotated; BPMSESSIONID=s1", "BPMCSRF", "csrf-rotated"),
                now.headers());
        assertEquals(1, transport.logins.get(), "the same session, not a new login");
    }

    @Test
    void cookiesOfAnAnswerToAReplacedSessionDoNotOverwriteTheNewOne() {
        SessionSnapshot old = cut.current(CrmCallObserver.NONE);
        SessionSnapshot fresh = cut.renew(old, CrmCallObserver.NONE);
        cut.absorbCookies(
                old,
                new CrmTransport.Exchange(
                        200, "application/json", Map.of("Set-Cookie", List.of("BPMSESSIONID=old; path=/")), "{}", 1));

        assertSame(fresh, cut.current(CrmCallObserver.NONE));
    }

    @Test
    void twentyCallersRejectedWithTheSameSessionCauseOneLogin() throws Exception {
        SessionSnapshot stale = cut.current(CrmCallObserver.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SessionSnapshot>> renewed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            renewed.add(pool.submit(() -> {
                start.await();
                return cut.renew(stale, CrmCallObserver.NONE);
            }));
        }
        start.countDown();
        SessionSnapshot fresh = renewed.get(0).get();
        for (Future<SessionSnapshot> each : renewed) {
            assertSame(fresh, each.get());
        }
        pool.shutdown();
        assertEquals(2, transport.logins.get(), "the first login and exactly one renewal");
    }

    @Test
    void rejectedCredentialsBackOffAndFailFastInBetween() {
        transport.acceptCredentials = false;
        CrmAuthenticationException first =
                assertThrows(CrmAuthenticationException.class, () -> cut.current(CrmCallObserver.NONE));
        assertTrue(first.getMessage().contains("Either invalid username or password"), first.getMessage());
        assertFalse(first.getMessage().contains("Supervisor"), "no credentials in messages");

        for (int i = 0; i < 10; i++) {
            assertThrows(CrmAuthenticationException.class, () -> cut.current(CrmCallObserver.NONE));
        }
        assertEquals(1, transport.logins.get(), "no burst of login attempts");
        assertNotNull(cut.state().lastLoginError());
        assertEquals(clock.instant().plusSeconds(30), cut.state().nextLoginAttempt());

        clock.advance(Duration.ofSeconds(30));
        assertThrows(CrmAuthenticationException.class, () -> cut.current(CrmCallObserver.NONE));
        assertEquals(2, transport.logins.get());
        assertEquals(clock.instant().plusSeconds(60), cut.state().nextLoginAttempt(), "the pause doubles");

        transport.acceptCredentials = true;
        clock.advance(Duration.ofSeconds(60));
        cut.current(CrmCallObserver.NONE);
        assertEquals(3, transport.logins.get());
        assertEquals(null, cut.state().nextLoginAttempt());
        assertEquals(1, cut.state().logins());
        assertEquals(2, cut.state().failedLogins());
    }

    @Test
    void anOauthTokenIsRenewedThirtySecondsBeforeItExpires() {
        AtomicInteger tokens = new AtomicInteger();
        CrmSettings settings = CrmSettings.from(MapConfig.of(Map.of("casegate.crm.auth", "oauth")));
        CrmTransport identityService = new CrmTransport(settings, null) {
            @Override
            public URI crmUrl() {
                return URI.create("http://127.0.0.1:1/crm");
            }

            @Override
            Exchange exchange(String method, URI uri, Map<String, String> headers, Entity<?> body) {
                assertEquals("http://127.0.0.1:1/crm/connect/token", uri.toString());
                return new Exchange(
                        200,
                        "application/json",
                        Map.of(),
                        "{\"access_token\":\"token" + tokens.incrementAndGet()
                                + "\",\"expires_in\":120,\"token_type\":\"Bearer\"}",
                        5);
            }
        };
        CrmSession oauth = new CrmSession(settings, identityService, clock);

        assertEquals(
                Map.of("Authorization", "Bearer token1"),
                oauth.current(CrmCallObserver.NONE).headers());
        clock.advance(Duration.ofSeconds(89));
        assertEquals(
                Map.of("Authorization", "Bearer token1"),
                oauth.current(CrmCallObserver.NONE).headers());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(
                Map.of("Authorization", "Bearer token2"),
                oauth.current(CrmCallObserver.NONE).headers());
        assertEquals("oauth", oauth.state().authentication());
    }
}
