package io.casegate.crm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;

import org.junit.jupiter.api.Test;

import io.casegate.crm.entity.MappingCheck;
import io.casegate.crm.entity.MappingRequirement;
import io.casegate.crm.entity.RequirementCheck.Finding;
import io.casegate.platform.LocalServer;
import io.casegate.testing.MapConfig;
import io.casegate.testing.MovableClock;

/** The self-check's conversation with the CRM: $metadata, then each record by id, through the one session. */
class MappingSelfCheckTest {

    static final UUID ORIGIN = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
    static final List<MappingRequirement> REQUIREMENTS = List.of(
            MappingRequirement.column("Account", "INN", "casegate.crm.account-inn-column"),
            MappingRequirement.record("CaseOrigin", ORIGIN, "casegate.crm.case-origin-id"));

    final CrmClientTest.ScriptedCrm crm = new CrmClientTest.ScriptedCrm();
    final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T14:00:00Z"));
    final MappingSelfCheck cut = selfCheck(Map.of("casegate.crm.url", "http://127.0.0.1:1/crm"));

    MappingSelfCheck selfCheck(Map<String, String> config) {
        MappingSelfCheck check = new MappingSelfCheck();
        check.settings = CrmSettings.from(MapConfig.of(config));
        check.client = new CrmClient(new CrmSession(check.settings, crm, clock), crm);
        check.localServer = new LocalServer();
        check.clock = clock;
        return check;
    }

    @Test
    void theCsdlIsReadAsXmlNotMistakenForALoginPageAndEachLookupIsReadById() {
        crm.then(200, "application/xml; charset=utf-8", MappingVerifierTest.sample("metadata-base.xml"))
                .then(404, "application/json", "{\"error\":{\"code\":\"\",\"message\":\"Not found\"}}");

        MappingCheck check = cut.check(REQUIREMENTS);

        assertEquals(MappingCheck.State.INVALID, check.state(), check.summary());
        assertEquals(
                List.of(Finding.NO_COLUMN, Finding.NO_RECORD),
                check.requirements().stream().map(r -> r.finding()).toList());
        assertEquals(1, crm.logins, "one login for $metadata and the record: the session is reused");
        assertEquals(2, crm.csrfSent.size());
        assertEquals(clock.instant(), check.checkedAt());
    }

    @Test
    void aCrmThatIsDownLeavesTheMappingNotCheckedRatherThanInvalid() {
        crm.then(503, "text/plain", "Service Unavailable");

        MappingCheck check = cut.check(REQUIREMENTS);

        assertEquals(MappingCheck.State.NOT_CHECKED, check.state());
        assertTrue(check.problem().contains("503"), check.problem());
        assertTrue(check.missing().isEmpty());
    }

    @Test
    void aLoginPageInsteadOfTheCsdlLeavesTheMappingNotChecked() {
        crm.then(200, "text/html; charset=utf-8", "<!DOCTYPE html><html>NuiLogin</html>")
                .then(200, "text/html; charset=utf-8", "<!DOCTYPE html><html>NuiLogin</html>");

        MappingCheck check = cut.check(REQUIREMENTS);

        assertEquals(MappingCheck.State.NOT_CHECKED, check.state(), check.summary());
        assertEquals(2, crm.logins, "logged in again once, as for any request");
    }

    @Test
    void theBuiltInSandboxIsNotAskedBeforeItsPortIsKnown() {
        MappingSelfCheck sandbox = selfCheck(Map.of());

        MappingCheck check = sandbox.check(REQUIREMENTS);

        assertEquals(MappingCheck.State.NOT_CHECKED, check.state());
        assertEquals(0, crm.logins);
        assertTrue(crm.csrfSent.isEmpty(), "no request");
    }

    @Test
    void aRecheckRightAfterACheckAnswersThatCheckAndALaterOneAsksTheCrm() {
        cut.scheduler = scheduler(new ArrayList<>());
        cut.interval = Duration.ofMinutes(1);
        crm.then(200, "application/xml", MappingVerifierTest.sample("metadata-base.xml"));
        MappingCheck first = cut.checkNow();

        assertSame(first, cut.recheck(), "checked a moment ago: many refusals at once cause one check");

        clock.advance(MappingSelfCheck.RECHECK_PAUSE);
        crm.then(200, "application/xml", MappingVerifierTest.sample("metadata-base.xml"));
        MappingCheck second = cut.recheck();
        assertNotSame(first, second);
        assertEquals(clock.instant(), second.checkedAt());
    }

    /** A scheduler that only notes the delays it is asked for. */
    static ManagedScheduledExecutorService scheduler(List<Long> delays) {
        return (ManagedScheduledExecutorService) Proxy.newProxyInstance(
                MappingSelfCheckTest.class.getClassLoader(),
                new Class<?>[] {ManagedScheduledExecutorService.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("schedule")) {
                        delays.add((Long) arguments[1]);
                        return Proxy.newProxyInstance(
                                MappingSelfCheckTest.class.getClassLoader(),
                                new Class<?>[] {ScheduledFuture.class},
                                (future, call, none) -> call.getReturnType() == boolean.class ? false : null);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
