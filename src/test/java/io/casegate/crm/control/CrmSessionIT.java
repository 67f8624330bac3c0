package io.casegate.crm.control;

import static io.casegate.testing.TestCases.file;
import static io.casegate.testing.TestCases.ticket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.casegate.attachments.boundary.ExternalFileStore;
import io.casegate.cases.control.CaseWorkflow;
import io.casegate.cases.entity.CaseRequest;
import io.casegate.cases.entity.OpenedCase;
import io.casegate.crm.boundary.ServiceCatalog;
import io.casegate.crm.entity.CrmAuthenticationException;
import io.casegate.crm.entity.CrmSessionState;
import io.casegate.crm.entity.CrmUnavailableException;
import io.casegate.platform.LocalServer;
import io.casegate.testing.CrmStack;
import io.casegate.testing.Deployments;
import io.casegate.testing.MapConfig;
import io.casegate.testing.MovableClock;
import io.casegate.testing.SandboxCrm;
import io.casegate.testing.ScriptedProgress;
import io.casegate.testing.TestCases;
import io.casegate.testing.TestCases.Visitor;

/**
 * The session with the CRM under the sandbox's faults: expiry, a rotated CSRF token, rejected
 * credentials, many callers at once, and OAuth client credentials.
 */
@ExtendWith(ArquillianExtension.class)
class CrmSessionIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.casegate()
                .addClasses(
                        SandboxCrm.class,
                        TestCases.class,
                        ScriptedProgress.class,
                        CrmStack.class,
                        MovableClock.class,
                        MapConfig.class);
    }

    @Inject
    CaseWorkflow workflow;

    @Inject
    CrmSession session;

    @Inject
    ServiceCatalog catalog;

    @Inject
    LocalServer localServer;

    @Inject
    ExternalFileStore externalFiles;

    SandboxCrm crm;
    String service;

    @BeforeEach
    void sandbox() {
        crm = new SandboxCrm(URI.create(localServer.baseUrl() + "/sandbox"));
        crm.resetFaults();
        service = catalog.services().get(0).id();
    }

    @AfterEach
    void healSandbox() {
        crm.resetFaults();
    }

    private CaseRequest newTicket() {
        return ticket(Visitor.fresh(), service, List.of(file("log.txt", "text/plain", 500)));
    }

    @Test
    void aSessionExpiringMidWorkflowCostsExactlyOneExtraLogin() {
        workflow.open(newTicket(), new ScriptedProgress());
        ScriptedProgress progress =
                new ScriptedProgress().after("case", () -> crm.faults("{\"expireAllSessionsNow\":true}"));
        SandboxCrm.Stats before = crm.stats();

        OpenedCase delivered = workflow.open(newTicket(), progress);

        assertEquals(1, crm.stats().minus(before).logins());
        assertEquals(1, progress.logins());
        assertEquals(1, crm.list("Activity", "Case/Id eq " + delivered.caseId()).size());
        assertEquals(1, crm.list("CaseFile", "Case/Id eq " + delivered.caseId()).size());
    }

    @Test
    void aRotatedCsrfTokenCostsExactlyOneExtraLogin() {
        workflow.open(newTicket(), new ScriptedProgress());
        ScriptedProgress progress = new ScriptedProgress().after("case", () -> crm.faults("{\"rotateCsrf\":true}"));
        SandboxCrm.Stats before = crm.stats();

        OpenedCase delivered = workflow.open(newTicket(), progress);

        assertEquals(1, crm.stats().minus(before).logins());
        assertEquals(1, crm.list("Activity", "Case/Id eq " + delivered.caseId()).size());
        assertEquals(1, crm.list("CaseFile", "Case/Id eq " + delivered.caseId()).size());
    }

    @Test
    void aRedirectToTheLoginPageCostsExactlyOneExtraLogin() {
        workflow.open(newTicket(), new ScriptedProgress());
        crm.faults("{\"redirectToLogin\":true}");
        ScriptedProgress progress =
                new ScriptedProgress().after("case", () -> crm.faults("{\"expireAllSessionsNow\":true}"));
        SandboxCrm.Stats before = crm.stats();

        OpenedCase delivered = workflow.open(newTicket(), progress);

        assertEquals(1, crm.stats().minus(before).logins());
        crm.resetFaults();
        assertEquals(1, crm.list("Activity", "Case/Id eq " + delivered.caseId()).size());
    }

    @Test
    void anUnreachableCrmIsARetryableFailureAndTheCatalogFallsBack() {
        crm.faults("{\"outage\":true}");
        CrmSettings withFallback = CrmSettings.from(ConfigProvider.getConfig());
        CrmUnavailableException failure =
                assertThrows(CrmUnavailableException.class, () -> workflow.open(newTicket(), new ScriptedProgress()));
        assertTrue(failure.isRetryable());
        assertTrue(failure.getMessage().contains("503"), failure.getMessage());
        try (CrmStack stack = new CrmStack(withFallback, Clock.systemUTC(), localServer, externalFiles)) {
            assertEquals(withFallback.fallbackServices(), stack.catalog.services());
        }
    }

    @Test
    void twentyConcurrentWorkflowsThatFindTheSessionExpiredLogInOnce() throws Exception {
        workflow.open(newTicket(), new ScriptedProgress());
        List<CaseRequest> tickets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tickets.add(newTicket());
        }
        crm.faults("{\"expireAllSessionsNow\":true}");
        SandboxCrm.Stats before = crm.stats();
        ExecutorService callers = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<OpenedCase>> results = new ArrayList<>();
        for (CaseRequest ticket : tickets) {
            results.add(callers.submit(() -> {
                start.await();
                return workflow.open(ticket, new ScriptedProgress());
            }));
        }
        start.countDown();
        for (Future<OpenedCase> result : results) {
            assertTrue(result.get(120, TimeUnit.SECONDS).caseNumber().startsWith("SR"));
        }
        callers.shutdown();
        assertEquals(1, crm.stats().minus(before).logins());
    }

    @Test
    void deliverAsyncRunsOnTheManagedExecutor() throws Exception {
        OpenedCase delivered = workflow.openAsync(newTicket(), new ScriptedProgress())
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        assertTrue(delivered.caseNumber().startsWith("SR"));
        CrmSessionState state = session.state();
        assertEquals("forms", state.authentication());
        assertNotNull(state.loggedInSince());
        assertNotNull(state.tokenAge());
        assertTrue(state.renewalDue().isAfter(Instant.now()));
    }

    @Test
    void aSessionReplacedWhenItsLifetimeEndsIsLoggedOutOfTheCrm() {
        CrmSettings settings = CrmSettings.from(ConfigProvider.getConfig());
        MovableClock clock = new MovableClock(Instant.now());
        try (CrmStack stack = new CrmStack(settings, clock, localServer, externalFiles)) {
            stack.workflow.open(newTicket(), new ScriptedProgress());
            SandboxCrm.Stats before = crm.stats();

            clock.advance(settings.sessionLifetime());
            OpenedCase delivered = stack.workflow.open(newTicket(), new ScriptedProgress());

            SandboxCrm.Stats used = crm.stats().minus(before);
            assertEquals(1, used.logins(), "the due renewal");
            assertEquals(1, used.logouts(), "the replaced session ended in the CRM, not left to its idle timeout");
            assertEquals(
                    1, crm.list("Activity", "Case/Id eq " + delivered.caseId()).size());

            stack.session.close();
            assertEquals(2, crm.stats().minus(before).logouts(), "and the last one when Casegate stops");
        }
    }

    @Test
    void rejectedCredentialsFailClearlyWithoutABurstOfLogins() {
        CrmSettings wrong = CrmSettings.from(MapConfig.over(
                ConfigProvider.getConfig(),
                Map.of("casegate.crm.username", "Supervisor", "casegate.crm.password", "not-the-password-42")));
        MovableClock clock = new MovableClock(Instant.now());
        CrmStack stack = new CrmStack(wrong, clock, localServer, externalFiles);
        SandboxCrm.Stats before = crm.stats();
        try {
            CrmAuthenticationException failure = assertThrows(
                    CrmAuthenticationException.class, () -> stack.workflow.open(newTicket(), new ScriptedProgress()));
            assertTrue(failure.getMessage().contains("rejected"), failure.getMessage());
            assertFalse(failure.getMessage().contains("not-the-password-42"));
            for (int i = 0; i < 10; i++) {
                assertThrows(
                        CrmAuthenticationException.class,
                        () -> stack.workflow.open(newTicket(), new ScriptedProgress()));
            }
            SandboxCrm.Stats used = crm.stats().minus(before);
            assertEquals(1, used.failedLogins(), "one login attempt, then back-off");
            assertEquals(0, used.logins());

            CrmSessionState state = stack.session.state();
            assertNotNull(state.lastLoginError());
            assertFalse(state.lastLoginError().contains("not-the-password-42"));
            assertEquals(clock.instant().plusSeconds(30), state.nextLoginAttempt());
            assertNull(state.loggedInSince());

            clock.advance(Duration.ofSeconds(30));
            assertThrows(
                    CrmAuthenticationException.class, () -> stack.workflow.open(newTicket(), new ScriptedProgress()));
            assertEquals(2, crm.stats().minus(before).failedLogins(), "the next attempt only after the pause");
        } finally {
            stack.transport.close();
        }
    }

    @Test
    void oauthClientCredentialsDeliverWithABearerToken() {
        Map<String, String> oauthClient = Map.of(
                "casegate.crm.auth",
                "oauth",
                "casegate.crm.client-id",
                "casegate-sandbox",
                "casegate.crm.client-secret",
                "casegate-sandbox-secret");
        CrmSettings oauth = CrmSettings.from(MapConfig.over(ConfigProvider.getConfig(), oauthClient));
        CrmStack stack = new CrmStack(oauth, Clock.systemUTC(), localServer, externalFiles);
        SandboxCrm.Stats before = crm.stats();
        try {
            CaseRequest ticket = newTicket();
            OpenedCase delivered = stack.workflow.open(ticket, new ScriptedProgress());
            stack.workflow.open(newTicket(), new ScriptedProgress());
            assertEquals(1, crm.stats().minus(before).tokens(), "one token for both deliveries");

            ScriptedProgress expiring =
                    new ScriptedProgress().after("case", () -> crm.faults("{\"expireAllSessionsNow\":true}"));
            OpenedCase afterExpiry = stack.workflow.open(newTicket(), expiring);

            SandboxCrm.Stats used = crm.stats().minus(before);
            assertEquals(2, used.tokens(), "a token rejected as expired is replaced once");
            assertEquals(0, used.logins());
            assertEquals(
                    1,
                    crm.list("Activity", "Case/Id eq " + afterExpiry.caseId()).size());
            assertEquals(ticket.subject(), crm.get("Case", delivered.caseId()).getString("Subject"));
            assertEquals("oauth", stack.session.state().authentication());
        } finally {
            stack.transport.close();
        }

        CrmStack wrongSecret = new CrmStack(
                CrmSettings.from(MapConfig.over(
                        ConfigProvider.getConfig(),
                        Map.of(
                                "casegate.crm.auth",
                                "oauth",
                                "casegate.crm.client-id",
                                "casegate-sandbox",
                                "casegate.crm.client-secret",
                                "wrong"))),
                Clock.systemUTC(),
                localServer,
                externalFiles);
        try {
            CrmAuthenticationException failure = assertThrows(
                    CrmAuthenticationException.class,
                    () -> wrongSecret.workflow.open(newTicket(), new ScriptedProgress()));
            assertTrue(failure.getMessage().contains("client credentials"), failure.getMessage());
        } finally {
            wrongSecret.transport.close();
        }
    }
}
