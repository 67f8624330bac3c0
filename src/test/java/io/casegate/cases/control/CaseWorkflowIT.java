package io.casegate.cases.control;

import static io.casegate.testing.TestCases.content;
import static io.casegate.testing.TestCases.file;
import static io.casegate.testing.TestCases.ticket;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.casegate.attachments.boundary.ExternalFileStore;
import io.casegate.attachments.entity.AttachedFile;
import io.casegate.cases.entity.CaseRequest;
import io.casegate.cases.entity.OpenedCase;
import io.casegate.crm.boundary.ServiceCatalog;
import io.casegate.crm.control.CrmSettings;
import io.casegate.crm.entity.ServiceOption;
import io.casegate.platform.LocalServer;
import io.casegate.testing.CrmStack;
import io.casegate.testing.Deployments;
import io.casegate.testing.MapConfig;
import io.casegate.testing.SandboxCrm;
import io.casegate.testing.ScriptedProgress;
import io.casegate.testing.TestCases;
import io.casegate.testing.TestCases.Visitor;

/** The ticket workflow against the built-in sandbox CRM, over real HTTP, checking what the CRM holds. */
@ExtendWith(ArquillianExtension.class)
class CaseWorkflowIT {

    /** When Casegate names no origin the CRM applies its CaseOriginDef setting: "Сайт" in the sandbox. */
    private static final String DEFAULT_ORIGIN_OF_THE_SANDBOX = "ea71fe35-d1ca-4d8e-ac83-db4bc6a13d4e";

    private static final String FILE_TYPE_LINK = "539bc2f8-0ee0-df11-971b-001d60e938c6";

    @Deployment
    static WebArchive deployment() {
        return Deployments.casegate()
                .addClasses(SandboxCrm.class, TestCases.class, ScriptedProgress.class, CrmStack.class, MapConfig.class);
    }

    @Inject
    CaseWorkflow workflow;

    @Inject
    ServiceCatalog catalog;

    @Inject
    LocalServer localServer;

    @Inject
    ExternalFileStore externalFiles;

    SandboxCrm crm;
    CrmSettings settings;

    @BeforeEach
    void sandbox() {
        crm = new SandboxCrm(URI.create(localServer.baseUrl() + "/sandbox"));
        crm.resetFaults();
        settings = CrmSettings.from(ConfigProvider.getConfig());
    }

    private String service() {
        List<ServiceOption> services = catalog.services();
        assertTrue(!services.isEmpty(), "the sandbox lists services");
        return services.get(0).id();
    }

    @Test
    void newVisitorBecomesOneOrganisationContactCaseMessageAndTheFilesByteForByte() {
        Visitor visitor = Visitor.fresh();
        AttachedFile twoChunks = file("акт сверки.pdf", "application/pdf", 700_000);
        AttachedFile small = file("photo.png", "image/png", 2048);
        CaseRequest request = ticket(visitor, service(), List.of(twoChunks, small));

        ScriptedProgress progress = new ScriptedProgress();
        OpenedCase delivered = workflow.open(request, progress);

        assertTrue(delivered.caseNumber().matches("SR\\d{8}"), delivered.caseNumber());
        // A first run looks nothing up by id: find contact, find organisation, create organisation,
        // contact, case, message, and one upload per chunk (two for the 700 KB file, one for the photo).
        assertEquals(9, progress.crmCalls(), () -> "CRM calls: " + progress.calls());
        // The number is reported once the case exists, before the message and the files.
        assertEquals(
                List.of(new ScriptedProgress.OpenedCase(delivered.caseId(), delivered.caseNumber(), 5)),
                progress.openedCases(),
                () -> "CRM calls: " + progress.calls());
        List<JsonObject> accounts = crm.list("Account", "INN eq '" + visitor.inn() + "'");
        assertEquals(1, accounts.size());
        assertEquals(visitor.organisation(), accounts.get(0).getString("Name"));
        assertEquals(delivered.accountId().toString(), accounts.get(0).getString("Id"));

        List<JsonObject> contacts = crm.list("Contact", "Email eq '" + visitor.email() + "'");
        assertEquals(1, contacts.size());
        JsonObject contact = contacts.get(0);
        assertEquals(delivered.contactId().toString(), contact.getString("Id"));
        assertEquals(visitor.name(), contact.getString("Name"));
        assertEquals(visitor.phone(), contact.getString("MobilePhone"));
        assertEquals(delivered.accountId().toString(), contact.getString("AccountId"));

        List<JsonObject> cases = crm.list("Case", "Contact/Id eq " + delivered.contactId());
        assertEquals(1, cases.size());
        JsonObject createdCase = crm.get("Case", delivered.caseId());
        assertEquals(delivered.caseNumber(), createdCase.getString("Number"));
        assertEquals(request.subject(), createdCase.getString("Subject"));
        assertEquals(request.service(), createdCase.getString("ServiceItemId"));
        assertEquals(delivered.contactId().toString(), createdCase.getString("ContactId"));
        assertEquals(delivered.accountId().toString(), createdCase.getString("AccountId"));
        assertEquals(request.receivedOn(), Instant.parse(createdCase.getString("RegisteredOn")));
        assertEquals(
                settings.mapping().caseOriginId().map(UUID::toString).orElse(DEFAULT_ORIGIN_OF_THE_SANDBOX),
                createdCase.getString("OriginId"));
        settings.mapping()
                .caseCategoryId()
                .ifPresent(category -> assertEquals(category.toString(), createdCase.getString("CategoryId")));
        String symptoms = createdCase.getString("Symptoms");
        for (String field : List.of(
                request.reference(),
                visitor.name(),
                visitor.email(),
                visitor.phone(),
                visitor.organisation(),
                visitor.inn(),
                request.subject(),
                "The receipt printer stops after the first line.",
                "акт сверки.pdf (683,6 КБ)",
                "photo.png (2 КБ)")) {
            assertTrue(symptoms.contains(field), () -> "description lacks " + field + ":\n" + symptoms);
        }

        List<JsonObject> messages = crm.list("Activity", "Case/Id eq " + delivered.caseId());
        assertEquals(1, messages.size());
        assertEquals(request.description(), messages.get(0).getString("Body"));

        List<JsonObject> files = crm.list("CaseFile", "Case/Id eq " + delivered.caseId());
        assertEquals(
                Set.of("акт сверки.pdf", "photo.png"),
                files.stream().map(row -> row.getString("Name")).collect(Collectors.toSet()));
        for (AttachedFile attachment : List.of(twoChunks, small)) {
            JsonObject row = files.stream()
                    .filter(file -> file.getString("Name").equals(attachment.fileName()))
                    .findFirst()
                    .orElseThrow();
            assertArrayEquals(
                    content(attachment),
                    crm.download("CaseFile", UUID.fromString(row.getString("Id"))),
                    attachment.fileName());
        }
    }

    @Test
    void returningVisitorReusesContactAndSessionInFourCallsAndTheDeliveryIsLogged() {
        Visitor visitor = Visitor.fresh();
        String service = service();
        OpenedCase first = workflow.open(
                ticket(visitor, service, List.of(file("first.txt", "text/plain", 100))), new ScriptedProgress());
        Visitor sameEmailInCapitals =
                new Visitor(visitor.name(), visitor.email().toUpperCase(), null, visitor.organisation(), visitor.inn());
        CaseRequest second = ticket(sameEmailInCapitals, service, List.of(file("second.txt", "text/plain", 300)));
        ScriptedProgress progress = new ScriptedProgress();
        SandboxCrm.Stats before = crm.stats();
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger log = Logger.getLogger(CaseWorkflow.class.getName());
        log.addHandler(capture);
        OpenedCase again;
        try {
            again = workflow.open(second, progress);
        } finally {
            log.removeHandler(capture);
        }
        SandboxCrm.Stats used = crm.stats().minus(before);

        assertEquals(first.contactId(), again.contactId());
        assertEquals(first.accountId(), again.accountId());
        assertEquals(
                1,
                crm.list("Contact", "tolower(Email) eq '" + visitor.email() + "'")
                        .size());
        assertEquals(1, crm.list("Account", "INN eq '" + visitor.inn() + "'").size());
        assertEquals(2, crm.list("Case", "Contact/Id eq " + first.contactId()).size());

        assertEquals(0, progress.logins(), "the session is reused");
        assertEquals(0, used.logins());
        assertEquals(4, progress.crmCalls(), () -> "find contact, create case, message and file: " + progress.calls());
        assertEquals(progress.crmCalls(), used.requests(), "the counted calls are the requests the CRM saw");
        String expectedLine = "Delivered " + second.reference() + " as case " + again.caseNumber() + ": "
                + progress.crmCalls() + " CRM calls, 0 logins";
        assertTrue(
                logged.stream().anyMatch(line -> line.startsWith(expectedLine)),
                () -> expectedLine + " not in " + logged);
    }

    @Test
    void apostrophesAndCyrillicRoundTrip() {
        String unique = UUID.randomUUID().toString().substring(0, 6);
        Visitor visitor = new Visitor(
                "Шон О'Брайен",
                "о'брайен." + unique + "@пример.рф",
                null,
                "ООО «Ромашка» O'Brien & Sons #" + unique,
                null);
        OpenedCase first = workflow.open(
                ticket(visitor, service(), List.of(file("заявка №1 'черновик'.txt", "text/plain", 10))),
                new ScriptedProgress());

        JsonObject contact = crm.get("Contact", first.contactId());
        assertEquals(visitor.name(), contact.getString("Name"));
        assertEquals(visitor.email(), contact.getString("Email"));
        assertEquals(
                visitor.organisation(), crm.get("Account", first.accountId()).getString("Name"));
        assertEquals(
                1,
                crm.list("CaseFile", "Case/Id eq " + first.caseId()).stream()
                        .filter(row -> row.getString("Name").equals("заявка №1 'черновик'.txt"))
                        .count());

        Visitor shouting =
                new Visitor(visitor.name(), visitor.email().toUpperCase(), null, visitor.organisation(), null);
        OpenedCase returning = workflow.open(ticket(shouting, service(), List.of()), new ScriptedProgress());
        assertEquals(
                first.contactId(),
                returning.contactId(),
                "found by its e-mail, Cyrillic upper case and quote included");

        Visitor colleague =
                new Visitor("Мария Д'Арк", "maria." + unique + "@example.com", null, visitor.organisation(), null);
        OpenedCase colleagues = workflow.open(ticket(colleague, service(), List.of()), new ScriptedProgress());
        assertEquals(first.accountId(), colleagues.accountId(), "the organisation is found by its exact name");
        assertEquals(
                1,
                crm.list("Account", "Name eq '" + visitor.organisation().replace("'", "''") + "'")
                        .size());
    }

    @Test
    void aRunStoppedAfterAnyStepAndRunAgainLeavesExactlyOneOfEverything() {
        String service = service();
        // started, account, contact, case, message, two files: seven recorded steps
        for (int stopAt = 1; stopAt <= 7; stopAt++) {
            Visitor visitor = Visitor.fresh();
            AttachedFile a = file("a-" + stopAt + ".txt", "text/plain", 1000);
            AttachedFile b = file("b-" + stopAt + ".txt", "text/plain", 2000);
            CaseRequest request = ticket(visitor, service, List.of(a, b));
            ScriptedProgress progress = new ScriptedProgress().stopAtCompletion(stopAt);

            assertThrows(ScriptedProgress.Stopped.class, () -> workflow.open(request, progress));
            progress.stopAtCompletion(0);
            OpenedCase delivered = workflow.open(request, progress);
            OpenedCase repeated = workflow.open(request, progress);

            String at = "stopped at step " + stopAt;
            assertEquals(delivered, repeated, at);
            assertEquals(
                    1, crm.list("Account", "INN eq '" + visitor.inn() + "'").size(), at);
            assertEquals(
                    1, crm.list("Contact", "Email eq '" + visitor.email() + "'").size(), at);
            assertEquals(
                    1,
                    crm.list("Case", "Contact/Id eq " + delivered.contactId()).size(),
                    at);
            assertEquals(
                    1, crm.list("Activity", "Case/Id eq " + delivered.caseId()).size(), at);
            List<JsonObject> files = crm.list("CaseFile", "Case/Id eq " + delivered.caseId());
            assertEquals(2, files.size(), at);
            for (AttachedFile attachment : List.of(a, b)) {
                JsonObject row = files.stream()
                        .filter(file -> file.getString("Name").equals(attachment.fileName()))
                        .findFirst()
                        .orElseThrow();
                assertArrayEquals(
                        content(attachment), crm.download("CaseFile", UUID.fromString(row.getString("Id"))), at);
            }
        }
    }

    @Test
    void aFileOverTheCrmLimitBecomesALinkThatServesItsBytes() throws Exception {
        long overLimit = settings.maxFileSizeBytes() + 1;
        AttachedFile large = file("recording.mp4", "video/mp4", overLimit);
        CaseRequest request = ticket(Visitor.fresh(), service(), List.of(large));

        OpenedCase delivered = workflow.open(request, new ScriptedProgress());

        List<JsonObject> files = crm.list("CaseFile", "Case/Id eq " + delivered.caseId());
        assertEquals(1, files.size());
        JsonObject link = files.get(0);
        assertEquals(FILE_TYPE_LINK, link.getString("TypeId"));
        assertEquals("recording.mp4", link.getString("Notes"));
        URI url = URI.create(link.getString("Name"));
        assertTrue(url.getPath().contains("/files/"), url.toString());
        HttpResponse<InputStream> download = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, download.statusCode());
        assertArrayEquals(sha256(large.content().open()), sha256(download.body()));
        assertTrue(crm.get("Case", delivered.caseId()).getString("Symptoms").contains("recording.mp4"));

        HttpResponse<String> guessed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url.toString()
                                                .substring(0, url.toString().lastIndexOf('/') + 1)
                                        + "A".repeat(43)))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(404, guessed.statusCode());
    }

    @Test
    void theMessageGoesToTheCaseMessageHistoryWhenConfigured() {
        CrmSettings historyTarget = CrmSettings.from(MapConfig.over(
                ConfigProvider.getConfig(),
                Map.of(
                        "casegate.crm.message-target",
                        "case-message-history",
                        "casegate.crm.attachment-target",
                        "case")));
        try (CrmStack stack = new CrmStack(historyTarget, Clock.systemUTC(), localServer, externalFiles)) {
            CaseRequest request = ticket(Visitor.fresh(), service(), List.of(file("a.txt", "text/plain", 10)));
            OpenedCase delivered = stack.workflow.open(request, new ScriptedProgress());

            List<JsonObject> history = crm.list("CaseMessageHistory", "Case/Id eq " + delivered.caseId());
            assertEquals(1, history.size());
            assertEquals(request.description(), history.get(0).getString("Message"));
            assertEquals(
                    0, crm.list("Activity", "Case/Id eq " + delivered.caseId()).size());
            assertEquals(
                    1, crm.list("CaseFile", "Case/Id eq " + delivered.caseId()).size());
        }
    }

    private static byte[] sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (in) {
            byte[] buffer = new byte[65536];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        byte[] result = digest.digest();
        assertNotNull(result);
        return result;
    }
}
