package io.casegate.crm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Entity;

import org.junit.jupiter.api.Test;

import io.casegate.crm.entity.CrmAuthenticationException;
import io.casegate.crm.entity.CrmCallObserver;
import io.casegate.crm.entity.CrmRejectedException;
import io.casegate.crm.entity.CrmUnavailableException;
import io.casegate.testing.MovableClock;

class CrmClientTest {

    /** Answers logins with a new session each time and other requests from a script. */
    static final class ScriptedCrm extends CrmTransport {
        final Deque<Exchange> answers = new ArrayDeque<>();
        final List<String> csrfSent = new ArrayList<>();
        int logins;

        ScriptedCrm() {
            super(null, null);
        }

        @Override
        public URI crmUrl() {
            return URI.create("http://127.0.0.1:1/crm");
        }

        @Override
        Exchange exchange(String method, URI uri, Map<String, String> headers, Entity<?> body) {
            if (uri.getPath().endsWith("/Login")) {
                logins++;
                return new Exchange(
                        200,
                        "application/json",
                        Map.of("Set-Cookie", List.of(".ASPXAUTH=a" + logins, "BPMCSRF=csrf" + logins)),
                        "{\"Code\":0}",
                        1);
            }
            csrfSent.add(headers.get("BPMCSRF"));
            return answers.removeFirst();
        }

        ScriptedCrm then(int status, String contentType, String body) {
            answers.add(new Exchange(status, contentType, Map.of(), body, 1));
            return this;
        }
    }

    final ScriptedCrm crm = new ScriptedCrm();
    final CrmClient cut = new CrmClient(
            new CrmSession(CrmSessionTest.settings(), crm, new MovableClock(Instant.parse("2026-05-01T10:00:00Z"))),
            crm);

    @Test
    void aLoginPageWhereJsonWasExpectedMeansLogInAgainAndRepeatOnce() {
        crm.then(200, "text/html; charset=utf-8", "<!DOCTYPE html><html>NuiLogin</html>")
                .then(200, "application/json", "{\"value\":[]}");
        assertEquals(
                0,
                cut.get("find contact", "/0/odata/Contact", Map.of(), CrmCallObserver.NONE)
                        .getJsonArray("value")
                        .size());
        assertEquals(2, crm.logins);
        assertEquals(List.of("csrf1", "csrf2"), crm.csrfSent, "the request is repeated with the new session");
    }

    @Test
    void aRedirectOrForbiddenIsRetriedOnceOnly() {
        crm.then(302, null, "").then(201, "application/json", "{\"Number\":\"SR00000001\"}");
        assertEquals(
                "SR00000001",
                cut.post("create case", "/0/odata/Case", JsonValue.EMPTY_JSON_OBJECT, CrmCallObserver.NONE)
                        .getString("Number"));

        crm.then(403, "application/json", "{\"error\":{\"message\":\"no rights\"}}")
                .then(403, "application/json", "{\"error\":{\"message\":\"no rights\"}}");
        CrmRejectedException forbidden = assertThrows(
                CrmRejectedException.class,
                () -> cut.post("create case", "/0/odata/Case", JsonValue.EMPTY_JSON_OBJECT, CrmCallObserver.NONE));
        assertEquals(403, forbidden.status());
        assertTrue(forbidden.getMessage().contains("no rights"), forbidden.getMessage());
        assertTrue(crm.answers.isEmpty());
        assertEquals(3, crm.logins);
    }

    @Test
    void aSessionRefusedRightAfterLoginIsAnAuthenticationFailure() {
        crm.then(401, null, "").then(401, null, "");
        assertThrows(
                CrmAuthenticationException.class,
                () -> cut.get("find contact", "/0/odata/Contact", Map.of(), CrmCallObserver.NONE));
    }

    @Test
    void serverErrorsAreRetryableAndClientErrorsAreNotBothWithTheCrmsReason() {
        crm.then(
                500,
                "application/json",
                "{\"error\":{\"message\":\"An error has occurred.\",\"innererror\":{\"message\":\"x\","
                        + "\"internalexception\":{\"message\":\"Timeout expired\"}}}}");
        CrmUnavailableException unavailable = assertThrows(
                CrmUnavailableException.class,
                () -> cut.get("find contact", "/0/odata/Contact", Map.of(), CrmCallObserver.NONE));
        assertTrue(unavailable.isRetryable());
        assertTrue(unavailable.getMessage().endsWith("HTTP 500: Timeout expired"), unavailable.getMessage());

        crm.then(400, "application/json", "{\"error\":{\"message\":\"The property 'UsrINN' does not exist.\"}}");
        CrmRejectedException rejected = assertThrows(
                CrmRejectedException.class,
                () -> cut.get("find account", "/0/odata/Account", Map.of(), CrmCallObserver.NONE));
        assertFalse(rejected.isRetryable());
        assertEquals(400, rejected.status());
        assertTrue(rejected.getMessage().contains("UsrINN"));
    }

    @Test
    void notFoundIsAnAnswerForLookUpsById() {
        crm.then(404, null, "");
        assertTrue(cut.find("read case", "/0/odata/Case(1)", Map.of(), CrmCallObserver.NONE)
                .isEmpty());
        assertEquals(1, crm.logins, "a 404 is not a reason to log in again");
    }
}
