package io.casegate.admin.boundary;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.casegate.admin.control.PasswordHashes;
import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.CrmInspector;
import io.casegate.testing.Deployments;
import io.casegate.testing.MetricsScrape;
import io.casegate.testing.PlainBrowser;
import io.casegate.testing.PlainBrowser.Page;
import io.casegate.testing.StaffIdentityStore;

/**
 * The admin area as an operator meets it: Casegate (with its built-in sandbox CRM) in a Payara
 * Micro process of its own, with one admin configured for this test only, and a non-admin user
 * from a second, test-only identity store. Deliveries give up after one failed attempt, so that a
 * CRM outage makes a dead letter at once.
 */
class AdminIT {

    static final String ADMIN = "it-admin";
    static final String ADMIN_PASSWORD = "it-admin-password-" + UUID.randomUUID();
    static final String API_KEY = "admin-it-key";

    static CasegateProcess casegate;

    @BeforeAll
    static void start() {
        File war = new File("target/admin-it.war");
        Deployments.casegate()
                .addClass(StaffIdentityStore.class)
                .as(ZipExporter.class)
                .exportTo(war, true);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("casegate.data.dir", "target/it-data/admin-" + UUID.randomUUID());
        settings.put("casegate.sandbox.enabled", "true");
        settings.put("casegate.admin.users", ADMIN + ":" + PasswordHashes.hash(ADMIN_PASSWORD.toCharArray()));
        settings.put("casegate.api.keys", API_KEY);
        settings.put("casegate.delivery.poll-interval", "PT1S");
        settings.put("casegate.delivery.retry.max-attempts", "1");
        casegate = CasegateProcess.start("admin", "casegate", settings, "index.xhtml", war.getPath());
    }

    @AfterEach
    void crmWorksAgain() {
        crm().faults("{\"outage\":false}");
    }

    @AfterAll
    static void stop() {
        if (casegate != null) {
            casegate.close();
        }
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() {
        PlainBrowser browser = new PlainBrowser();
        for (String page : List.of("admin/index.xhtml", "admin/submission.xhtml?ref=WEB-2026-000001", "admin/")) {
            Page answer = browser.get(casegate.url(page));
            assertEquals(302, answer.status(), page);
            assertTrue(answer.location().endsWith("/casegate/admin-login.xhtml"), answer.location());
            assertFalse(answer.body().contains("crm-session"), page);
        }
        Page post = browser.post(casegate.url("admin/submission.xhtml"), Map.of("retry", "retry", "retry:again", "x"));
        assertEquals(302, post.status(), "an anonymous POST is refused as well");

        Page login = browser.get(casegate.url("admin-login.xhtml"));
        assertEquals(200, login.status());
        assertTrue(
                login.formAction("admin-login").isPresent(), "the login form is offered while an admin is configured");
        assertFalse(login.body().contains("admin-closed"));
    }

    @Test
    void aWrongPasswordDoesNotOpenTheAdminArea() {
        PlainBrowser browser = new PlainBrowser();
        Page refused = browser.signIn(casegate.url("admin/index.xhtml"), ADMIN, "not-the-password");
        assertTrue(
                refused.location() != null && refused.location().contains("admin-login.xhtml?failed=true"),
                refused.status() + " " + refused.location());
        assertTrue(browser.follow(refused).textOf("login-failed").isPresent());
        assertEquals(302, browser.get(casegate.url("admin/index.xhtml")).status());
    }

    @Test
    void aSignedInUserWithoutTheAdminRoleIsRefused() {
        PlainBrowser browser = new PlainBrowser();
        Page signedIn =
                browser.signIn(casegate.url("admin/index.xhtml"), StaffIdentityStore.NAME, StaffIdentityStore.PASSWORD);
        assertEquals(302, signedIn.status(), "the staff member's password is right");
        Page index = browser.follow(signedIn);
        assertEquals(403, index.status());
        assertFalse(index.body().contains("crm-session"));
        assertEquals(
                403,
                browser.get(casegate.url("admin/submission.xhtml?ref=WEB-2026-000001"))
                        .status());
    }

    @Test
    void anAdminSeesTheCrmSessionAndTheBacklog() {
        PlainBrowser browser = signedInAdmin();
        Page index = browser.get(casegate.url("admin/index.xhtml"));
        assertEquals(200, index.status());
        assertTrue(index.textOf("backlog-pending").isPresent(), index.text());
        assertTrue(index.textOf("crm-since").isPresent(), index.text());
        assertTrue(
                index.text().contains(casegate.url("sandbox").toString()),
                "the CRM's address is shown: " + index.text());
    }

    @Test
    void retryingADeadLetterDeliversItExactlyOnce() {
        String tag = "dead-" + UUID.randomUUID();
        URI metrics = casegate.url("metrics");
        double deadBefore = MetricsScrape.value(metrics, "casegate_delivery_dead_letters_total{kind=\"DELIVER_CASE\"}");
        crm().faults("{\"outage\":true}");
        Answer accepted =
                api().submit(ApiClient.distinctVisitor(tag), Map.of("report.txt", "report".getBytes()), null, null);
        assertEquals(202, accepted.status(), accepted.body());
        String reference = accepted.text("reference");

        PlainBrowser browser = signedInAdmin();
        URI search = casegate.url("admin/index.xhtml?state=DEAD&q=" + reference);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> browser.get(search).body().contains(reference));
        assertEquals(
                deadBefore + 1,
                MetricsScrape.value(metrics, "casegate_delivery_dead_letters_total{kind=\"DELIVER_CASE\"}"));

        Page list = browser.get(search);
        URI detailLink = list.link("submission.xhtml").orElseThrow();
        assertTrue(
                detailLink.getQuery().contains("jakarta.faces.Token="),
                "the protected page's link carries its token: " + detailLink);
        Page dead = browser.get(detailLink);
        assertEquals(200, dead.status(), dead.text());
        assertEquals("DEAD", dead.textOf("state").orElseThrow());
        assertTrue(
                dead.textOf("last-error").orElseThrow().startsWith("Gave up after 1 attempts"),
                dead.textOf("last-error").orElseThrow());
        assertTrue(dead.textOf("crm-calls").isPresent());
        // The failed request is in the call log: a login without an answer, or (when a session from
        // reading the service catalog already existed) the CRM's 503 to the first call.
        String calls = dead.body().substring(dead.body().indexOf("id=\"crm-calls\""));
        assertTrue(
                calls.contains("login (failed)") || calls.contains("<td>503</td>"),
                "the failed request is in the call log: " + dead.text());

        crm().faults("{\"outage\":false}");
        assertTrue(casesTagged(tag).isEmpty(), "no case before the retry");
        Map<String, String> retryForm = Map.of(
                "retry",
                "retry",
                "retry:again",
                "x",
                "jakarta.faces.ViewState",
                dead.viewState().orElseThrow());
        URI action = dead.formAction("retry").orElseThrow();
        Page retried = browser.post(action, retryForm);
        assertEquals(302, retried.status(), "post-redirect-get after the retry: " + retried.text());
        Page afterRetry = browser.follow(retried);
        assertEquals(
                "Обращение снова в очереди доставки.",
                afterRetry.textOf("retry-outcome").orElse(null),
                "the admin is told it is queued again: " + retried.location() + " -> " + afterRetry.status() + " "
                        + afterRetry.text());

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> api().status(reference).text("caseNumber") != null);
        String caseNumber = api().status(reference).text("caseNumber");

        // The same (stale) form once more, as a double click would: nothing is queued again.
        Page again = browser.post(action, retryForm);
        assertEquals(302, again.status(), again.text());
        Page afterAgain = browser.follow(again);
        assertTrue(
                afterAgain.textOf("retry-outcome").orElse("").startsWith("Обращение не отложено"),
                "the admin is told there was nothing to retry: " + again.location() + " -> " + afterAgain.status() + " "
                        + afterAgain.text());

        Page delivered = browser.get(detailLink);
        assertEquals("DONE", delivered.textOf("state").orElseThrow());
        assertEquals(caseNumber, delivered.textOf("case-number").orElseThrow());
        assertTrue(
                delivered.text().contains("create records (batch)"),
                "the successful delivery's calls are logged: " + delivered.text());
        assertFalse(delivered.body().contains("id=\"retry\""), "no retry button for a delivered submission");

        List<JsonObject> cases = casesTagged(tag);
        assertEquals(1, cases.size(), "exactly one case in the CRM: " + cases);
        assertEquals(caseNumber, cases.get(0).getString("Number"));
        assertEquals(1, MetricsScrape.value(metrics, "casegate_delivery_dead_letters_requeued_total"));
    }

    @Test
    void aBookmarkedSubmissionPageWithoutItsTokenOffersTheSubmissionFromTheStartPage() {
        String tag = "bookmark-" + UUID.randomUUID();
        Answer accepted =
                api().submit(ApiClient.distinctVisitor(tag), Map.of("report.txt", "report".getBytes()), null, null);
        assertEquals(202, accepted.status(), accepted.body());
        String reference = accepted.text("reference");

        PlainBrowser browser = signedInAdmin();
        Page bookmarked = browser.get(casegate.url("admin/submission.xhtml?ref=" + reference));
        assertFalse(
                bookmarked.body().contains("id=\"crm-calls\""),
                "the protected page itself is not shown without its token");
        assertTrue(
                bookmarked.body().contains("id=\"submission-list\""), "the start page instead: " + bookmarked.text());
        // The language switch links to the same page too; the submission list's link carries the token.
        URI link = bookmarked.links("submission.xhtml").stream()
                .filter(candidate ->
                        candidate.getQuery() != null && candidate.getQuery().contains("jakarta.faces.Token="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no link with a token: " + bookmarked.links("submission.xhtml")));
        assertTrue(
                link.getQuery().contains("ref=" + reference) && link.getQuery().contains("jakarta.faces.Token="),
                "the start page searched for the bookmarked submission and links to it with a token: " + link);
        Page opened = browser.get(link);
        assertEquals(200, opened.status(), opened.text());
        assertEquals(reference, opened.textOf("reference").orElseThrow());
    }

    private static PlainBrowser signedInAdmin() {
        PlainBrowser browser = new PlainBrowser();
        Page signedIn = browser.signIn(casegate.url("admin/index.xhtml"), ADMIN, ADMIN_PASSWORD);
        assertEquals(302, signedIn.status());
        assertTrue(signedIn.location().endsWith("/casegate/admin/index.xhtml"), signedIn.location());
        // As a browser does: the form mechanism completes the login on the way back to the page asked for.
        assertEquals(200, browser.follow(signedIn).status());
        return browser;
    }

    private static List<JsonObject> casesTagged(String tag) {
        return crm().rows("Case", "Id,Number,Subject", "contains(Subject,'" + tag + "')");
    }

    private static ApiClient api() {
        return new ApiClient(casegate.url("api/"), API_KEY);
    }

    private static CrmInspector crm() {
        return new CrmInspector(casegate.url("sandbox/"));
    }
}
