package io.casegate.sandbox;

import static io.casegate.sandbox.SandboxClient.filter;
import static io.casegate.sandbox.SandboxClient.json;
import static io.casegate.sandbox.SandboxClient.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.casegate.testing.Deployments;

/** Rules 3, 4 and 6 of the sandbox: OData 4 CRUD and queries, case numbering, $batch, error envelopes. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SandboxODataIT {

    private static final String ZERO = "00000000-0000-0000-0000-000000000000";
    private static final String STATUS_NEW = "ae5f2f10-f46b-1410-fd9a-0050ba5d6c38";
    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{7}Z";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.casegate();
    }

    @ArquillianResource
    URL base;

    private SandboxClient client() {
        return new SandboxClient(base).loggedIn();
    }

    @Test
    void metadataAndServiceDocumentListTheEntitySets() {
        SandboxClient client = client();
        HttpResponse<String> metadata = client.get("/0/odata/$metadata");
        assertEquals(200, metadata.statusCode());
        assertTrue(metadata.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"));
        JsonArray sets = json(client.get("/0/odata/")).getJsonArray("value");
        List<String> names =
                sets.stream().map(set -> set.asJsonObject().getString("name")).toList();
        for (String set : List.of(
                "Contact",
                "Account",
                "Case",
                "ServiceItem",
                "CaseStatus",
                "CaseOrigin",
                "CaseCategory",
                "CasePriority",
                "CaseFile",
                "Activity",
                "CaseMessageHistory",
                "ContactCommunication",
                "CommunicationType")) {
            assertTrue(metadata.body().contains("<EntitySet Name=\"" + set + "\""), set);
            assertTrue(names.contains(set), set);
        }
        assertFalse(metadata.body().contains("<Property Name=\"INN\""), "a base install has no INN column");
        assertTrue(metadata.body().contains("<NavigationProperty Name=\"Contact\""));
        assertTrue(metadata.body().contains("<Property Name=\"CreatedOn\" Type=\"Edm.DateTimeOffset\""));
    }

    @Test
    void seededLookupsCarryTheDocumentedIds() {
        SandboxClient client = client();
        JsonObject status = json(client.get("/0/odata/CaseStatus(" + STATUS_NEW + ")"));
        assertEquals("Новое", status.getString("Name"));
        assertTrue(status.getString("@odata.context").endsWith("$metadata#CaseStatus/$entity"));
        assertEquals(
                200,
                client.get("/0/odata/CaseCategory(1b0bc159-150a-e111-a31b-00155d04c01d)")
                        .statusCode());
        assertEquals(
                200,
                client.get("/0/odata/CaseOrigin(7f9e1f1e-f46b-1410-3492-0050ba5d6c38)")
                        .statusCode());
        Set<String> services = names(client.get("/0/odata/ServiceItem?$select=Name"));
        assertTrue(services.containsAll(Set.of("АТОЛ Онлайн", "Кассовое ПО", "Оборудование")), services.toString());
    }

    @Test
    void createAnswers201WithTheWholeRecordAndALocation() {
        SandboxClient client = client();
        String id = UUID.randomUUID().toString().toUpperCase();

        HttpResponse<String> created =
                client.post("/0/odata/Contact", "{\"Id\":\"" + id + "\",\"Name\":\"John Best\"}");

        assertEquals(201, created.statusCode(), created.body());
        JsonObject contact = json(created);
        assertEquals(id.toLowerCase(), contact.getString("Id"), "a client-supplied Id is kept");
        assertEquals(
                client.url("/0/odata/Contact(" + id.toLowerCase() + ")"),
                created.headers().firstValue("Location").orElse(""));
        assertEquals("John", contact.getString("GivenName"));
        assertEquals("Best", contact.getString("Surname"));
        assertEquals("", contact.getString("Email"));
        assertEquals(ZERO, contact.getString("AccountId"));
        assertEquals(false, contact.getBoolean("Confirmed"));
        assertEquals(0, contact.getInt("ProcessListeners"));
        assertTrue(contact.getString("CreatedOn").matches(TIMESTAMP), contact.getString("CreatedOn"));
        assertTrue(contact.getString("ModifiedOn").matches(TIMESTAMP));

        JsonObject russian = client.create("Contact", "{\"Name\":\"Щукина Анна Сергеевна\"}");
        assertEquals("Щукина", russian.getString("Surname"));
        assertEquals("Анна", russian.getString("GivenName"));
        assertEquals("Сергеевна", russian.getString("MiddleName"));
    }

    @Test
    void aBaseInstallOverHttpKeepsCommunicationsAndRefusesWhatCreatioWouldNot() {
        SandboxClient client = client();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String id = client.create(
                        "Contact",
                        "{\"Name\":\"Анна " + tag + "\",\"Email\":\"Anna." + tag
                                + "@Example.ru\",\"MobilePhone\":\"+7 916 555-44-33\"}")
                .getString("Id");
        JsonArray rows = json(client.get("/0/odata/ContactCommunication" + filter("Contact/Id eq " + id)))
                .getJsonArray("value");
        assertEquals(2, rows.size(), rows.toString());
        assertEquals(
                Set.of("anna." + tag + "@example.ru", "33445556197"),
                rows.stream()
                        .map(row -> row.asJsonObject().getString("SearchNumber"))
                        .collect(Collectors.toSet()));

        HttpResponse<String> tolower =
                client.get("/0/odata/Contact" + filter("tolower(Email) eq 'anna." + tag + "@example.ru'"));
        assertEquals(400, tolower.statusCode());
        assertTrue(reason(tolower).contains("Function 'tolower' is not allowed."), tolower.body());

        HttpResponse<String> inn =
                client.post("/0/odata/Account", "{\"Name\":\"ООО " + tag + "\",\"INN\":\"7707083893\"}");
        assertEquals(400, inn.statusCode());
        assertTrue(
                reason(inn).startsWith("The property 'INN' does not exist on type 'Terrasoft.Configuration.Account'."));

        HttpResponse<String> badType =
                client.post("/0/odata/Activity", "{\"Title\":\"x\",\"TypeId\":\"" + UUID.randomUUID() + "\"}");
        assertEquals(500, badType.statusCode());
        assertTrue(reason(badType).contains("violates foreign key constraint"), badType.body());
    }

    @Test
    void readUpdateDeleteAndReadAfterDelete() {
        SandboxClient client = client();
        String id = client.create("Account", "{\"Name\":\"ООО Тест\",\"Code\":\"7707083893\"}")
                .getString("Id");
        String path = "/0/odata/Account(" + id + ")";

        JsonObject read = json(client.get(path));
        assertEquals("7707083893", read.getString("Code"));
        assertEquals(
                "0001-01-01T00:00:00Z",
                client.create("Case", "{\"Subject\":\"dates\"}").getString("RegisteredOn"));

        HttpResponse<String> patched = client.patch(path, "{\"Phone\":\"+7 495 000-00-00\"}");
        assertEquals(204, patched.statusCode());
        assertEquals("", patched.body());
        JsonObject updated = json(client.get(path));
        assertEquals("+7 495 000-00-00", updated.getString("Phone"));
        assertEquals("ООО Тест", updated.getString("Name"));

        assertEquals(204, client.delete(path).statusCode());
        assertEquals(404, client.get(path).statusCode());
        assertEquals(404, client.patch(path, "{\"Phone\":\"1\"}").statusCode());
    }

    @Test
    void aDuplicateIdIs500WithTheErrorEnvelope() {
        SandboxClient client = client();
        String id = client.create("Contact", "{\"Name\":\"First Holder\"}").getString("Id");

        HttpResponse<String> duplicate =
                client.post("/0/odata/Contact", "{\"Id\":\"" + id + "\",\"Name\":\"Second Holder\"}");

        assertEquals(500, duplicate.statusCode());
        String reason = reason(duplicate);
        assertTrue(reason.contains("duplicate key value violates unique constraint"), reason);
        assertTrue(reason.contains(id), reason);
        assertEquals(
                "First Holder", json(client.get("/0/odata/Contact(" + id + ")")).getString("Name"));
    }

    @Test
    void filterStringsWithQuotesAndCyrillic() {
        SandboxClient client = client();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        client.create("Contact", "{\"Name\":\"Patrick O'Brien " + suffix + "\"}");
        client.create("Contact", "{\"Name\":\"Patrick OBrien " + suffix + "\"}");
        client.create("Contact", "{\"Name\":\"Щукин Пётр " + suffix + "\",\"Email\":\"p@example.ru\"}");

        assertEquals(
                Set.of("Patrick O'Brien " + suffix),
                names(client.get("/0/odata/Contact" + filter("Name eq 'Patrick O''Brien " + suffix + "'"))));
        assertEquals(
                Set.of("Щукин Пётр " + suffix),
                names(client.get(
                        "/0/odata/Contact" + filter("contains(Name,'Щукин') and endswith(Name,'" + suffix + "')"))));
        assertEquals(
                Set.of("Щукин Пётр " + suffix),
                names(client.get("/0/odata/Contact"
                        + filter("startswith(Name,'Щукин Пётр') and Email eq 'p@example.ru' and endswith(Name,'"
                                + suffix + "')"))));
        assertEquals(
                2,
                names(client.get("/0/odata/Contact"
                                + filter(
                                        "(contains(Name,'Brien') or contains(Name,'Пётр')) and not contains(Name,'''') and endswith(Name,'"
                                                + suffix + "')")))
                        .size());
    }

    @Test
    void navigationPathFiltersFollowLookups() {
        SandboxClient client = client();
        String accountName = "ООО «Ромашка» " + UUID.randomUUID();
        String account =
                client.create("Account", "{\"Name\":\"" + accountName + "\"}").getString("Id");
        String contact = client.create("Contact", "{\"Name\":\"Нави Гатор\",\"AccountId\":\"" + account + "\"}")
                .getString("Id");
        String mine = client.create(
                        "Case",
                        "{\"Subject\":\"mine\",\"ContactId\":\"" + contact + "\",\"AccountId\":\"" + account + "\"}")
                .getString("Id");
        client.create("Case", "{\"Subject\":\"someone else's\"}");

        assertEquals(List.of(mine), ids(client.get("/0/odata/Case" + filter("Contact/Id eq " + contact))));
        assertEquals(List.of(mine), ids(client.get("/0/odata/Case" + filter("ContactId eq " + contact))));
        assertEquals(List.of(mine), ids(client.get("/0/odata/Case" + filter("Account/Name eq '" + accountName + "'"))));
        assertEquals(
                List.of(mine),
                ids(client.get("/0/odata/Case" + filter("Contact/Account/Name eq '" + accountName + "'"))));
        assertEquals(
                1,
                ids(client.get("/0/odata/Case"
                                + filter("Status/Id eq " + STATUS_NEW + " and Contact/Id eq " + contact)))
                        .size());
    }

    @Test
    void dateFiltersUseUnquotedLiteralsAndQuotedOnesAre400() {
        SandboxClient client = client();
        Instant before = Instant.now().minusSeconds(1);
        String id = client.create("Activity", "{\"Title\":\"dated\"}").getString("Id");
        Instant after = Instant.now().plusSeconds(1);

        assertTrue(
                ids(client.get("/0/odata/Activity" + filter("CreatedOn gt " + before + " and CreatedOn lt " + after)))
                        .contains(id));
        assertFalse(ids(client.get("/0/odata/Activity" + filter("CreatedOn gt " + after)))
                .contains(id));
        HttpResponse<String> quoted = client.get("/0/odata/Activity" + filter("CreatedOn gt '" + before + "'"));
        assertEquals(400, quoted.statusCode());
        assertTrue(reason(quoted).contains("Edm.DateTimeOffset"), quoted.body());
    }

    @Test
    void selectTopSkipOrderByAndCount() {
        SandboxClient client = client();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("Charlie", "Alpha", "Bravo", "Delta")) {
            client.create("Contact", "{\"Name\":\"" + name + " " + tag + "\",\"Phone\":\"" + name + "\"}");
        }
        String query = "/0/odata/Contact" + filter("endswith(Name,'" + tag + "')");

        JsonObject page =
                json(client.get(query + "&$select=Name,Phone&$orderby=Name%20desc&$top=2&$skip=1&$count=true"));
        assertEquals(4, page.getInt("@odata.count"));
        JsonArray value = page.getJsonArray("value");
        assertEquals(
                List.of("Charlie " + tag, "Bravo " + tag),
                value.stream().map(v -> v.asJsonObject().getString("Name")).toList());
        assertEquals(Set.of("Name", "Phone"), value.getJsonObject(0).keySet());
        assertTrue(page.getString("@odata.context").endsWith("$metadata#Contact(Name,Phone)"));

        HttpResponse<String> count = client.get("/0/odata/Contact/$count" + filter("endswith(Name,'" + tag + "')"));
        assertEquals(200, count.statusCode());
        assertEquals("4", count.body());
        assertEquals(
                0,
                json(client.get(query + "&$count=true&$top=0"))
                        .getJsonArray("value")
                        .size());
        assertEquals(
                4,
                json(client.get("/odata/Contact" + filter("endswith(Name,'" + tag + "')")))
                        .getJsonArray("value")
                        .size(),
                "the .NET Core route without /0");
    }

    @Test
    void caseGetsANumberAndTheDefaults() {
        SandboxClient client = client();
        JsonObject created = client.create(
                "Case",
                "{\"Subject\":\"Не печатает чек\",\"Symptoms\":\"ККТ молчит\","
                        + "\"ServiceItemId\":\"2bca0b1d-bbd6-432b-b679-f40c2bbef6c8\",\"RegisteredOn\":\"2026-03-01T09:00:00+03:00\"}");

        assertTrue(created.getString("Number").matches("SR\\d{8}"), created.getString("Number"));
        assertEquals(STATUS_NEW, created.getString("StatusId"));
        assertEquals("de87256f-7baa-412d-8fbd-0f0be875927c", created.getString("PriorityId"));
        assertEquals("ea71fe35-d1ca-4d8e-ac83-db4bc6a13d4e", created.getString("OriginId"));
        assertEquals("2026-03-01T06:00:00.0000000Z", created.getString("RegisteredOn"));
        assertEquals(
                "SR-CLIENT-1",
                client.create("Case", "{\"Subject\":\"own number\",\"Number\":\"SR-CLIENT-1\"}")
                        .getString("Number"));
    }

    @Test
    void fiftyConcurrentCasesGetUniqueNumbers() throws Exception {
        SandboxClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String body = "{\"Subject\":\"concurrent " + i + "\"}";
                futures.add(pool.submit(() -> client.post("/0/odata/Case", body)));
            }
            Set<String> numbers = new HashSet<>();
            for (Future<HttpResponse<String>> future : futures) {
                HttpResponse<String> response = future.get();
                assertEquals(201, response.statusCode(), response.body());
                String number = json(response).getString("Number");
                assertTrue(number.matches("SR\\d{8}"), number);
                numbers.add(number);
            }
            assertEquals(50, numbers.size(), numbers.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedJsonIs400WithTheEnvelope() {
        HttpResponse<String> response = client().post("/0/odata/Contact", "{\"Name\": \"unterminated");
        assertEquals(400, response.statusCode());
        assertTrue(reason(response).contains("not valid JSON"), response.body());
        assertFalse(response.body().contains("at io.casegate"), "never a stack trace");
    }

    @Test
    void anUnknownEntitySetIs404WithTheEnvelope() {
        HttpResponse<String> response = client().get("/0/odata/Kontakt");
        assertEquals(404, response.statusCode());
        assertTrue(reason(response).contains("Kontakt"), response.body());
    }

    @Test
    void anUnknownColumnIs400WithTheEnvelope() {
        SandboxClient client = client();
        HttpResponse<String> inBody = client.post("/0/odata/Contact", "{\"Name\":\"x\",\"ShoeSize\":42}");
        assertEquals(400, inBody.statusCode());
        assertTrue(reason(inBody).contains("ShoeSize"), inBody.body());
        HttpResponse<String> inFilter = client.get("/0/odata/Contact" + filter("ShoeSize eq 42"));
        assertEquals(400, inFilter.statusCode());
        assertTrue(reason(inFilter).contains("ShoeSize"), inFilter.body());
        assertEquals(400, client.get("/0/odata/Contact?$select=Name,ShoeSize").statusCode());
        assertEquals(400, client.get("/0/odata/Contact?$orderby=ShoeSize").statusCode());
    }

    @Test
    void aBadFilterIs400WithTheEnvelope() {
        HttpResponse<String> response = client().get("/0/odata/Contact" + filter("Name eq 'unterminated"));
        assertEquals(400, response.statusCode());
        assertFalse(reason(response).isEmpty());
    }

    @Test
    void anOversizedBodyIs413WithTheEnvelope() {
        StringBuilder huge = new StringBuilder(17 * 1024 * 1024 + 32).append("{\"Name\":\"");
        huge.append("x".repeat(17 * 1024 * 1024)).append("\"}");
        HttpResponse<String> response = client().post("/0/odata/Contact", huge.toString());
        assertEquals(413, response.statusCode());
        assertTrue(reason(response).contains("exceeds the limit"), response.body());
    }

    @Test
    void batchRunsInOrderAndStopsAtTheFirstError() {
        SandboxClient client = client();
        String good = "{\"method\":\"POST\",\"url\":\"Contact\",\"id\":\"%s\",\"body\":{\"Name\":\"Batch %s\"},"
                + "\"headers\":{\"Content-Type\":\"application/json\"}}";
        String bad = "{\"method\":\"POST\",\"url\":\"Contact\",\"id\":\"bad\",\"body\":{\"NoSuchColumn\":1}}";
        String requests = "{\"requests\":[" + String.format(good, "1", "One") + "," + bad + ","
                + String.format(good, "3", "Three") + "]}";

        JsonArray stopped = json(client.post("/0/odata/$batch", requests)).getJsonArray("responses");
        assertEquals(List.of(201, 400), statuses(stopped));
        assertTrue(stopped.getJsonObject(0)
                .getJsonObject("headers")
                .getString("location")
                .contains("/0/odata/Contact("));
        assertEquals("Batch One", stopped.getJsonObject(0).getJsonObject("body").getString("Name"));

        HttpResponse<String> continued =
                client.send("POST", "/0/odata/$batch", requests, Map.of("Prefer", "odata.continue-on-error"));
        assertEquals(200, continued.statusCode());
        assertEquals(List.of(201, 400, 201), statuses(json(continued).getJsonArray("responses")));

        String id = json(client.post("/0/odata/$batch", "{\"requests\":[" + String.format(good, "a", "Read Me") + "]}"))
                .getJsonArray("responses")
                .getJsonObject(0)
                .getJsonObject("body")
                .getString("Id");
        JsonArray read = json(client.post(
                        "/0/odata/$batch",
                        "{\"requests\":[{\"method\":\"GET\",\"url\":\"Contact(" + id
                                + ")\",\"id\":\"r\"},{\"method\":\"PATCH\",\"url\":\"/0/odata/Contact/" + id
                                + "\",\"id\":\"p\",\"body\":{\"Phone\":\"123\"}}]}"))
                .getJsonArray("responses");
        assertEquals(List.of(200, 204), statuses(read));
        assertEquals("123", json(client.get("/0/odata/Contact(" + id + ")")).getString("Phone"));
    }

    /**
     * What Casegate's two round trips rely on, as OData 4 defines a JSON batch: a query with
     * {@code $filter}, {@code $select} and {@code $expand} inside it answers 200 with its rows, and a
     * create answers 201 with the generated case number in its body.
     */
    @Test
    void aBatchCarriesQueriesWithTheirOptionsAndCreatesAnswerTheCaseNumber() {
        SandboxClient client = client();
        String contact = UUID.randomUUID().toString();
        String requests = "{\"requests\":["
                + "{\"method\":\"GET\",\"id\":\"1\",\"url\":\"ContactCommunication?%24filter="
                + "Number%20eq%20%27nobody%40example.com%27&%24expand=Contact(%24select%3DId%2CAccountId)\"},"
                + "{\"method\":\"POST\",\"id\":\"2\",\"url\":\"Contact\",\"body\":{\"Id\":\"" + contact
                + "\",\"Name\":\"Batch Visitor\"}},"
                + "{\"method\":\"POST\",\"id\":\"3\",\"url\":\"Case\",\"body\":{\"Subject\":\"In one batch\","
                + "\"ContactId\":\"" + contact + "\"}}]}";

        JsonArray answered = json(client.post("/0/odata/$batch", requests)).getJsonArray("responses");

        assertEquals(List.of(200, 201, 201), statuses(answered));
        assertEquals(
                0,
                answered.getJsonObject(0)
                        .getJsonObject("body")
                        .getJsonArray("value")
                        .size());
        assertTrue(
                answered.getJsonObject(2)
                        .getJsonObject("body")
                        .getString("Number")
                        .matches("SR\\d{8}"),
                answered::toString);
    }

    /**
     * The rehearsal switches for issue 15: a CRM (or proxy) without {@code $batch}, and creates of
     * one entity set that fail as a database timeout would, alone and inside a batch, where Creatio
     * stops at the failure.
     */
    @Test
    void theBatchCanBeRefusedAndCreatesOfOneSetCanFail() {
        SandboxClient client = client();
        client.faults("{\"batchRefusedStatus\":404,\"failCreatesOf\":\"Case\"}");
        try {
            HttpResponse<String> refused = client.post("/0/odata/$batch", "{\"requests\":[]}");
            assertEquals(404, refused.statusCode());
            assertTrue(reason(refused).contains("No HTTP resource was found"), refused.body());

            HttpResponse<String> alone = client.post("/0/odata/Case", "{\"Subject\":\"x\"}");
            assertEquals(500, alone.statusCode());
            assertTrue(reason(alone).contains("Execution Timeout Expired"), alone.body());

            client.faults("{\"batchRefusedStatus\":0}");
            JsonArray stopped = json(client.post(
                            "/0/odata/$batch",
                            "{\"requests\":[{\"method\":\"POST\",\"id\":\"1\",\"url\":\"Contact\",\"body\":"
                                    + "{\"Name\":\"Before the case\"}},{\"method\":\"POST\",\"id\":\"2\",\"url\":\"Case\","
                                    + "\"body\":{\"Subject\":\"x\"}},{\"method\":\"POST\",\"id\":\"3\","
                                    + "\"url\":\"Contact\",\"body\":{\"Name\":\"After the case\"}}]}"))
                    .getJsonArray("responses");
            assertEquals(List.of(201, 500), statuses(stopped), "Creatio stops at the first failure");
        } finally {
            client.faults("{\"batchRefusedStatus\":0,\"failCreatesOf\":\"\"}");
        }
        assertEquals(201, client.post("/0/odata/Case", "{\"Subject\":\"x\"}").statusCode(), "switched off again");
    }

    @Test
    void batchOfMoreThan100RequestsIs400() {
        String one = "{\"method\":\"GET\",\"url\":\"CaseStatus\",\"id\":\"x\"}";
        String body = "{\"requests\":[" + String.join(",", Collections.nCopies(101, one)) + "]}";
        HttpResponse<String> response = client().post("/0/odata/$batch", body);
        assertEquals(400, response.statusCode());
        assertTrue(reason(response).contains("100"), response.body());
        String hundred = "{\"requests\":[" + String.join(",", Collections.nCopies(100, one)) + "]}";
        assertEquals(
                100,
                json(client().post("/0/odata/$batch", hundred))
                        .getJsonArray("responses")
                        .size());
    }

    private static List<Integer> statuses(JsonArray responses) {
        return responses.stream().map(r -> r.asJsonObject().getInt("status")).toList();
    }

    private static Set<String> names(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return json(response).getJsonArray("value").stream()
                .map(JsonValue::asJsonObject)
                .map(row -> row.getString("Name"))
                .collect(Collectors.toSet());
    }

    private static List<String> ids(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return json(response).getJsonArray("value").stream()
                .map(JsonValue::asJsonObject)
                .map(row -> row.getString("Id"))
                .toList();
    }
}
