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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.json.Json;
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
import io.casegate.crm.entity.CrmUnavailableException;
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

    /** Creatio's ids of an incoming e-mail, completed (ConfigurationConstants.CrtNUI.js), and the Task type. */
    private static final String ACTIVITY_TYPE_EMAIL = "e2831dec-cfc0-df11-b00f-001d60e938c6";

    private static final String ACTIVITY_TYPE_TASK = "fbe0acdc-cfc0-df11-b00f-001d60e938c6";
    private static final String MESSAGE_TYPE_INCOMING = "7f9d1f86-f36b-1410-068c-20cf30b39373";
    private static final String ACTIVITY_STATUS_COMPLETED = "4bdbb88f-58e6-df11-971b-001d60e938c6";
    private static final String ACTIVITY_CATEGORY_EMAIL = "8038a396-7825-e011-8165-00155d043204";
    private static final String NOTIFIER_LOCAL = "ed501edb-8ebf-4c76-a35d-6f23be243043";
    private static final String COMMUNICATION_TYPE_EMAIL = "ee1c85c3-cfcb-df11-9b2a-001d60e938c6";

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

    /**
     * On a base Creatio there is no INN column: the organisation is created and found by its name,
     * the INN is in the description, and the delivery goes through.
     */
    @Test
    void newVisitorBecomesOneOrganisationContactCaseMessageAndTheFilesByteForByte() {
        Visitor visitor = Visitor.fresh();
        AttachedFile twoChunks = file("акт сверки.pdf", "application/pdf", 700_000);
        AttachedFile small = file("photo.png", "image/png", 2048);
        CaseRequest request = ticket(visitor, service(), List.of(twoChunks, small));

        ScriptedProgress progress = new ScriptedProgress();
        OpenedCase delivered = workflow.open(request, progress);

        assertTrue(delivered.caseNumber().matches("SR\\d{8}"), delivered.caseNumber());
        // Two round trips (issue 15): one $batch finds neither the contact nor the organisation (a
        // first run looks nothing up by id), one creates organisation, contact, case and message;
        // then one upload per chunk (two for the 700 KB file, one for the photo).
        assertEquals(5, progress.crmCalls(), () -> "CRM calls: " + progress.calls());
        assertEquals(
                List.of("look up (batch)", "create records (batch)", "upload file", "upload file", "upload file"),
                progress.calls().stream().map(ScriptedProgress.Call::operation).toList());
        // The number is reported once the case exists, before the files.
        assertEquals(
                List.of(new ScriptedProgress.OpenedCase(delivered.caseId(), delivered.caseNumber(), 2)),
                progress.openedCases(),
                () -> "CRM calls: " + progress.calls());
        List<JsonObject> accounts = crm.list("Account", "Name eq '" + visitor.organisation() + "'");
        assertEquals(1, accounts.size());
        assertEquals(delivered.accountId().toString(), accounts.get(0).getString("Id"));
        assertTrue(
                accounts.get(0).keySet().stream()
                        .noneMatch(column -> column.toUpperCase(Locale.ROOT).contains("INN")),
                () -> "a base Creatio has no INN column: " + accounts.get(0));

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
        JsonObject message = messages.get(0);
        assertEquals(request.description().replace("\n", "<br>\n"), message.getString("Body"));
        // An incoming e-mail on the case, done: not an open task of the integration user.
        assertEquals(ACTIVITY_TYPE_EMAIL, message.getString("TypeId"), message::toString);
        assertEquals(MESSAGE_TYPE_INCOMING, message.getString("MessageTypeId"), message::toString);
        assertEquals(ACTIVITY_STATUS_COMPLETED, message.getString("StatusId"), message::toString);
        assertEquals(ACTIVITY_CATEGORY_EMAIL, message.getString("ActivityCategoryId"), message::toString);
        assertEquals(visitor.email(), message.getString("Sender"));
        assertEquals(delivered.contactId().toString(), message.getString("ContactId"));
        assertEquals(
                0,
                crm.list("Activity", "Case/Id eq " + delivered.caseId() + " and Type/Id eq " + ACTIVITY_TYPE_TASK)
                        .size());

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
    void returningVisitorReusesContactAndSessionInThreeCallsAndTheDeliveryIsLogged() {
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
                1, crm.list("Contact", "Email eq '" + visitor.email() + "'").size());
        assertEquals(
                1,
                crm.list("Account", "Name eq '" + visitor.organisation() + "'").size());
        assertEquals(2, crm.list("Case", "Contact/Id eq " + first.contactId()).size());

        assertEquals(0, progress.logins(), "the session is reused");
        assertEquals(0, used.logins());
        // The contact's organisation comes with its communication row ($expand): still one look-up.
        assertEquals(
                3,
                progress.crmCalls(),
                () -> "look-ups, then case and message, in two round trips, and the file: " + progress.calls());
        assertEquals(2, progress.openedCases().get(0).callsBefore(), "the number comes with the second round trip");
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

    /**
     * With batches off ({@code casegate.crm.batch-requests=false}, or a CRM that refused one) the
     * same deliveries go one request at a time, as before issue 15: 9 calls for a new visitor with
     * two files in three chunks (the number after the fifth), 3 for a returning one without files.
     */
    @Test
    void withBatchesOffTheSameDeliveriesGoOneRequestAtATime() {
        CrmSettings sequential = CrmSettings.from(
                MapConfig.over(ConfigProvider.getConfig(), Map.of("casegate.crm.batch-requests", "false")));
        try (CrmStack stack = new CrmStack(sequential, Clock.systemUTC(), localServer, externalFiles)) {
            Visitor visitor = Visitor.fresh();
            ScriptedProgress progress = new ScriptedProgress();
            OpenedCase delivered = stack.workflow.open(
                    ticket(
                            visitor,
                            service(),
                            List.of(file("a.pdf", "application/pdf", 700_000), file("b.png", "image/png", 2048))),
                    progress);

            assertEquals(
                    List.of(
                            "find contact",
                            "find account",
                            "create account",
                            "create contact",
                            "create case",
                            "create message",
                            "upload file",
                            "upload file",
                            "upload file"),
                    deliveryCalls(progress));
            List<String> beforeTheNumber =
                    progress.calls().subList(0, progress.openedCases().get(0).callsBefore()).stream()
                            .map(ScriptedProgress.Call::operation)
                            .toList();
            assertEquals("create case", beforeTheNumber.get(beforeTheNumber.size() - 1), "the number after the case");

            ScriptedProgress again = new ScriptedProgress();
            OpenedCase returning = stack.workflow.open(ticket(visitor, service(), List.of()), again);
            assertEquals(delivered.contactId(), returning.contactId());
            assertEquals(List.of("find contact", "create case", "create message"), deliveryCalls(again));
            assertEquals(
                    1, crm.list("Contact", "Email eq '" + visitor.email() + "'").size());
        }
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
                    1,
                    crm.list("Account", "Name eq '" + visitor.organisation() + "'")
                            .size(),
                    at);
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

    /**
     * A run that dies once the CRM has answered the first round trip (nothing created yet), or the
     * second (everything created, nothing recorded): the next run finds what exists by its ids and
     * creates the rest, in two round trips again, and the CRM holds one of everything.
     */
    @Test
    void aRunThatDiesAfterEitherRoundTripLeavesExactlyOneOfEverything() {
        String service = service();
        for (int diesAfter = 1; diesAfter <= 2; diesAfter++) {
            Visitor visitor = Visitor.fresh();
            CaseRequest request = ticket(visitor, service, List.of(file("a-" + diesAfter + ".txt", "text/plain", 10)));
            ScriptedProgress progress = new ScriptedProgress().stopAfterCall(diesAfter);
            assertThrows(ScriptedProgress.Stopped.class, () -> workflow.open(request, progress));
            progress.stopAfterCall(0);
            int before = progress.calls().size();

            OpenedCase delivered = workflow.open(request, progress);

            String at = "died after round trip " + diesAfter;
            List<String> rerun = progress
                    .calls()
                    .subList(before, progress.calls().size())
                    .stream()
                    .map(ScriptedProgress.Call::operation)
                    .toList();
            assertEquals(
                    diesAfter == 1
                            ? List.of("look up (batch)", "create records (batch)", "upload file")
                            // The files were not recorded: whether an upload began is looked up.
                            : List.of("look up (batch)", "read file", "upload file"),
                    rerun,
                    at);
            assertEquals(delivered, workflow.open(request, progress), at);
            assertOneOfEverything(visitor, delivered, 1, at);
        }
    }

    /**
     * The CRM ran the batch only in part: the organisation and the contact are in, the case failed
     * (a database timeout), and Creatio stopped there, so there is no message either. The next run
     * finds the first two by their ids and creates the case and the message.
     */
    @Test
    void aBatchTheCrmAppliedInPartIsCompletedByTheNextRun() {
        Visitor visitor = Visitor.fresh();
        CaseRequest request = ticket(visitor, service(), List.of());
        ScriptedProgress progress = new ScriptedProgress();
        crm.faults("{\"failCreatesOf\":\"Case\"}");
        try {
            CrmUnavailableException failed =
                    assertThrows(CrmUnavailableException.class, () -> workflow.open(request, progress));
            assertTrue(failed.getMessage().contains("create case"), failed::getMessage);
        } finally {
            crm.faults("{\"failCreatesOf\":\"\"}");
        }
        assertEquals(
                1, crm.list("Contact", "Email eq '" + visitor.email() + "'").size(), "the contact got in");
        assertEquals(List.of(), progress.openedCases(), "no number without a case");
        assertEquals(
                Set.of("started", "account", "contact"),
                progress.results().keySet(),
                "what the CRM holds is recorded; the rest is not");

        int before = progress.calls().size();
        OpenedCase delivered = workflow.open(request, progress);

        assertEquals(
                List.of("look up (batch)", "create records (batch)"),
                progress.calls().subList(before, progress.calls().size()).stream()
                        .map(ScriptedProgress.Call::operation)
                        .toList());
        assertOneOfEverything(visitor, delivered, 0, "after a batch applied in part");
    }

    /**
     * A CRM that has no {@code $batch} (before Creatio 7.16.1, or a proxy that blocks the route): the
     * delivery goes on one request at a time, without an error, and the node remembers it, so the
     * next delivery does not try again.
     */
    @Test
    void aCrmThatRefusesBatchesGetsOneRequestAtATimeAndThatIsRemembered() {
        try (CrmStack stack = new CrmStack(settings, Clock.systemUTC(), localServer, externalFiles)) {
            crm.faults("{\"batchRefusedStatus\":404}");
            try {
                Visitor visitor = Visitor.fresh();
                ScriptedProgress progress = new ScriptedProgress();
                OpenedCase delivered = stack.workflow.open(ticket(visitor, service(), List.of()), progress);

                assertTrue(delivered.caseNumber().matches("SR\\d{8}"), delivered.caseNumber());
                assertEquals(
                        List.of(
                                "look up (batch)",
                                "find contact",
                                "find account",
                                "create account",
                                "create contact",
                                "create case",
                                "create message"),
                        deliveryCalls(progress));
                assertEquals(
                        404,
                        progress.calls().stream()
                                .filter(call -> call.operation().equals("look up (batch)"))
                                .findFirst()
                                .orElseThrow()
                                .status());
                assertOneOfEverything(visitor, delivered, 0, "after the refusal");
                assertTrue(stack.cases.batchRefusal().orElse("").contains("404"));

                ScriptedProgress next = new ScriptedProgress();
                stack.workflow.open(ticket(visitor, service(), List.of()), next);
                assertEquals(
                        List.of("find contact", "create case", "create message"),
                        next.calls().stream()
                                .map(ScriptedProgress.Call::operation)
                                .toList(),
                        "no second try of $batch");
            } finally {
                crm.faults("{\"batchRefusedStatus\":0}");
            }
        }
    }

    /** The calls of a delivery, without the login and the service list that a new stack makes first. */
    private static List<String> deliveryCalls(ScriptedProgress progress) {
        return progress.calls().stream()
                .map(ScriptedProgress.Call::operation)
                .filter(operation -> !operation.startsWith("login") && !operation.equals("list services"))
                .toList();
    }

    private void assertOneOfEverything(Visitor visitor, OpenedCase delivered, int files, String at) {
        assertEquals(
                1,
                crm.list("Account", "Name eq '" + visitor.organisation() + "'").size(),
                at);
        assertEquals(
                1, crm.list("Contact", "Email eq '" + visitor.email() + "'").size(), at);
        assertEquals(
                1, crm.list("Case", "Contact/Id eq " + delivered.contactId()).size(), at);
        assertEquals(1, crm.list("Activity", "Case/Id eq " + delivered.caseId()).size(), at);
        assertEquals(
                files, crm.list("CaseFile", "Case/Id eq " + delivered.caseId()).size(), at);
    }

    @Test
    void aCaseReadBackWithoutANumberIsNeverShownAndIsReadAgainLater() {
        CaseRequest request = ticket(Visitor.fresh(), service(), List.of());
        // started, account, contact, case: the run dies after the CRM created the case, before it was recorded
        ScriptedProgress progress = new ScriptedProgress().stopAtCompletion(4);
        assertThrows(ScriptedProgress.Stopped.class, () -> workflow.open(request, progress));
        UUID caseId = progress.openedCases().get(0).id();
        crm.patch("Case", caseId, "{\"Number\":\"\"}");
        progress.stopAtCompletion(0);

        assertThrows(CrmUnavailableException.class, () -> workflow.open(request, progress));
        assertEquals(1, progress.openedCases().size(), "no case number announced while the CRM shows none");
        assertEquals(Optional.empty(), Optional.ofNullable(progress.results().get("case")));

        crm.patch("Case", caseId, "{\"Number\":\"SR-RENUMBERED\"}");
        OpenedCase delivered = workflow.open(request, progress);
        assertEquals("SR-RENUMBERED", delivered.caseNumber());
        assertEquals("SR-RENUMBERED", progress.openedCases().get(1).number());
    }

    /**
     * Plain HTTP/1.1: the JDK client's default h2c upgrade attempt against Payara's listener has
     * failed intermittently ("Frame type(136) … exceeds MAX_FRAME_SIZE") on a large body.
     */
    private static final HttpClient HTTP_1_1 =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
        HttpResponse<InputStream> download =
                HTTP_1_1.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, download.statusCode());
        assertArrayEquals(sha256(large.content().open()), sha256(download.body()));
        assertTrue(crm.get("Case", delivered.caseId()).getString("Symptoms").contains("recording.mp4"));

        HttpResponse<String> guessed = HTTP_1_1.send(
                HttpRequest.newBuilder(URI.create(
                                url.toString().substring(0, url.toString().lastIndexOf('/') + 1) + "A".repeat(43)))
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
            assertEquals(
                    request.description().replace("\n", "<br>\n"),
                    history.get(0).getString("Message"));
            assertEquals(NOTIFIER_LOCAL, history.get(0).getString("MessageNotifierId"), "a message with its notifier");
            assertEquals(
                    0, crm.list("Activity", "Case/Id eq " + delivered.caseId()).size());
            assertEquals(
                    1, crm.list("CaseFile", "Case/Id eq " + delivered.caseId()).size());
        }
    }

    /**
     * A contact that an agent typed in, with a second e-mail on its communication detail, is the
     * visitor who writes from that address; and one whose phone was typed {@code 8 (916) …} is the
     * visitor who gives {@code +7916…}. Neither gets a second contact.
     */
    @Test
    void aReturningVisitorIsFoundByASecondEmailAndByAPhoneWrittenAnotherWay() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        UUID typedIn = UUID.randomUUID();
        crm.create(
                "Contact",
                Json.createObjectBuilder()
                        .add("Id", typedIn.toString())
                        .add("Name", "Пётр Агентов " + unique)
                        .add("Email", "petr." + unique + "@work.example")
                        .build());
        crm.create(
                "ContactCommunication",
                Json.createObjectBuilder()
                        .add("ContactId", typedIn.toString())
                        .add("CommunicationTypeId", COMMUNICATION_TYPE_EMAIL)
                        .add("Number", "Petr." + unique + "@Home.example")
                        .build());
        Visitor fromHome =
                new Visitor("Пётр " + unique, "petr." + unique + "@home.example", null, "Дом " + unique, null);

        ScriptedProgress progress = new ScriptedProgress();
        OpenedCase byEmail = workflow.open(ticket(fromHome, service(), List.of()), progress);

        assertEquals(typedIn, byEmail.contactId(), "found by the e-mail on its communication detail");
        assertEquals(
                2,
                progress.crmCalls(),
                () -> "look-ups, then case and message, in two round trips: " + progress.calls());
        assertEquals(
                0, crm.list("Contact", "Email eq '" + fromHome.email() + "'").size(), "no second contact");

        String digits = String.format("%07d", Math.abs(unique.hashCode()) % 10_000_000);
        UUID caller = UUID.randomUUID();
        crm.create(
                "Contact",
                Json.createObjectBuilder()
                        .add("Id", caller.toString())
                        .add("Name", "Анна Звонкова " + unique)
                        .add(
                                "Phone",
                                "8 (917) " + digits.substring(0, 3) + "-" + digits.substring(3, 5) + "-"
                                        + digits.substring(5))
                        .build());
        Visitor byPhone =
                new Visitor("Анна " + unique, "anna." + unique + "@example.com", "+7917" + digits, null, null);

        OpenedCase found = workflow.open(ticket(byPhone, service(), List.of()), new ScriptedProgress());

        assertEquals(caller, found.contactId(), "found by the digits of the phone typed another way");
        assertEquals(
                0, crm.list("Contact", "Email eq '" + byPhone.email() + "'").size(), "no second contact");
    }

    /**
     * The service lookup is configuration: its filter narrows the list the form offers, and with no
     * case column ({@code none}) the case is opened without a service, its name in the description.
     */
    @Test
    void theServiceLookupIsFilteredAndItsCaseColumnCanBeSwitchedOff() {
        CrmSettings narrowed = CrmSettings.from(MapConfig.over(
                ConfigProvider.getConfig(),
                Map.of(
                        "casegate.crm.service.filter",
                        "Name eq 'Кассовое ПО'",
                        "casegate.crm.service.case-column",
                        "none")));
        try (CrmStack stack = new CrmStack(narrowed, Clock.systemUTC(), localServer, externalFiles)) {
            assertTrue(catalog.services().size() > 1, "the sandbox lists several services");
            List<ServiceOption> offered = stack.catalog.services();
            assertEquals(
                    List.of("Кассовое ПО"),
                    offered.stream().map(ServiceOption::name).toList());

            OpenedCase delivered = stack.workflow.open(
                    ticket(Visitor.fresh(), offered.get(0).id(), List.of()), new ScriptedProgress());

            JsonObject opened = crm.get("Case", delivered.caseId());
            assertEquals("00000000-0000-0000-0000-000000000000", opened.getString("ServiceItemId"));
            assertTrue(opened.getString("Symptoms").contains("Кассовое ПО"), opened.getString("Symptoms"));
        }
    }

    /** A 7.x instance uploads through {@code FileApiService/Upload}; the bytes arrive all the same. */
    @Test
    void theFilesGoThroughThe7xUploadRouteWhenConfigured() {
        CrmSettings sevenX = CrmSettings.from(MapConfig.over(
                ConfigProvider.getConfig(), Map.of("casegate.crm.upload-path", "/0/rest/FileApiService/Upload")));
        try (CrmStack stack = new CrmStack(sevenX, Clock.systemUTC(), localServer, externalFiles)) {
            AttachedFile twoChunks = file("отчёт 7x.bin", "application/octet-stream", 600_000);
            OpenedCase delivered =
                    stack.workflow.open(ticket(Visitor.fresh(), service(), List.of(twoChunks)), new ScriptedProgress());

            List<JsonObject> files = crm.list("CaseFile", "Case/Id eq " + delivered.caseId());
            assertEquals(1, files.size());
            assertArrayEquals(
                    content(twoChunks),
                    crm.download("CaseFile", UUID.fromString(files.get(0).getString("Id"))));
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
