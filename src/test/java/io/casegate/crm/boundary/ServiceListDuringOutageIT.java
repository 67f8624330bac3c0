package io.casegate.crm.boundary;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.MalformedURLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.casegate.feedback.FeedbackPage;
import io.casegate.testing.Browser;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.CrmInspector;
import io.casegate.testing.PlainBrowser;
import io.casegate.testing.SampleFiles;

/**
 * The form while the CRM is down (issue 13): a Casegate node that saw the CRM's service list once
 * and is then started again (on the same database) while the CRM is in an outage offers that list;
 * a visitor can send the form, and the request becomes a case with the chosen service once the
 * outage ends. And a page never waits long for a slow CRM. Casegate and the sandbox CRM run as
 * separate Payara Micro processes, so that the CRM can be down while Casegate starts.
 */
class ServiceListDuringOutageIT {

    static CasegateProcess sandbox;
    static CasegateProcess casegate;

    @BeforeAll
    static void start() {
        sandbox = CasegateProcess.startSandbox("services-outage-sandbox");
        Map<String, String> settings = new LinkedHashMap<>(sandbox.crmSettings());
        settings.put("casegate.data.dir", "target/it-data/services-outage-" + UUID.randomUUID());
        settings.put("casegate.delivery.poll-interval", "PT1S");
        settings.put("casegate.delivery.retry.base", "PT1S");
        settings.put("casegate.delivery.retry.max", "PT4S");
        settings.put("casegate.delivery.retry.max-attempts", "1000");
        // Short, so that the slow-CRM test meets an expired list; the outage test restarts the node anyway.
        settings.put("casegate.crm.services-cache-time", "2s");
        casegate = CasegateProcess.start("services-outage-casegate", "casegate", settings, "index.xhtml");
    }

    @AfterAll
    static void stop() {
        if (casegate != null) {
            casegate.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @AfterEach
    void crmWorksAgain() {
        crm().faults("{\"outage\":false,\"latencyMs\":0}");
    }

    @Test
    void aNodeStartedDuringAnOutageOffersTheServicesItSawBeforeAndDeliversTheRequestAfterwards()
            throws MalformedURLException {
        List<JsonObject> crmServices = crm().rows("ServiceItem", "Id,Name", null).stream()
                .sorted(Comparator.comparing(row -> row.getString("Name")))
                .toList();
        List<String> names =
                crmServices.stream().map(row -> row.getString("Name")).toList();
        // The node sees the CRM's list once: a page view (the first one may show it before the read ends).
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> names.stream().allMatch(formPage()::contains));

        casegate.kill();
        crm().faults("{\"outage\":true}");
        casegate.startAgain("index.xhtml");

        try (Browser browser = Browser.russian()) {
            FeedbackPage page =
                    new FeedbackPage(browser.driver(), casegate.base().toURL()).open();
            List<String> offered = new Select(page.field("service"))
                    .getOptions().stream()
                            .map(WebElement::getText)
                            .map(String::strip)
                            .skip(1) // «Выберите услугу»
                            .toList();
            assertEquals(names, offered, "the services on the form of a node started during the outage");

            String subject = "Во время сбоя CRM " + UUID.randomUUID();
            page.fillValidFields(subject).attach(SampleFiles.text("kkt.log", "12:00 ошибка ФН\n"));
            page.send();
            String dialog = page.awaitSuccessDialog(Duration.ofSeconds(60)).getText();
            assertTrue(page.successMessage().startsWith("Ваша заявка"), dialog);
            assertTrue(dialog.contains("WEB-"), "the visitor is given Casegate's reference: " + dialog);

            crm().faults("{\"outage\":false}");
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> !casesWith(subject).isEmpty());
            List<JsonObject> cases = casesWith(subject);
            assertEquals(1, cases.size(), "cases in the CRM");
            // fillValidFields chooses the first service of the list, in the CRM's (alphabetical) order.
            assertEquals(
                    crmServices.get(0).getString("Id").toLowerCase(),
                    cases.get(0).getString("ServiceItemId").toLowerCase(),
                    "the case has the service the visitor chose");
        }
    }

    @Test
    void aPageViewDoesNotWaitForASlowCrm() {
        List<String> names = crm().rows("ServiceItem", "Id,Name", null).stream()
                .map(row -> row.getString("Name"))
                .toList();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> names.stream().allMatch(formPage()::contains));
        crm().faults("{\"latencyMs\":8000}");
        // The list of the node has expired by now (services-cache-time 2s); the CRM takes 8 s to answer.
        sleep(Duration.ofSeconds(3));
        for (int view = 0; view < 3; view++) {
            long started = System.nanoTime();
            String page = formPage();
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 3000, "a page view waited " + millis + " ms for a CRM that answers in 8 s");
            assertTrue(names.stream().allMatch(page::contains), "the services on the page");
        }
    }

    private static String formPage() {
        PlainBrowser.Page page = new PlainBrowser().get(casegate.url("index.xhtml"));
        assertEquals(200, page.status());
        return page.body();
    }

    private static List<JsonObject> casesWith(String subject) {
        return crm().rows("Case", "Id,Number,Subject,ServiceItemId", "Subject eq '" + subject + "'");
    }

    private static CrmInspector crm() {
        return new CrmInspector(sandbox.url("sandbox/"));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
