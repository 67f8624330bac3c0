package io.casegate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.CrmInspector;
import io.casegate.testing.HostileRequests;
import io.casegate.testing.NoScriptForm;
import io.casegate.testing.NoScriptForm.FilePart;
import io.casegate.testing.ThrowawayDatabase;

/**
 * Issue 14, "What goes to the CRM" and "Values longer than their database columns", and the fuzz
 * test of the form and the API: real Payara Micro on PostgreSQL, delivering into its sandbox CRM,
 * which the test reads as a support agent's tools would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    static final String API_KEY = "hostile-input-it";
    static final String MARKUP = "<script>alert(1)</script>\n<b>x</b> & co";
    static final String MARKUP_AS_HTML = "&lt;script&gt;alert(1)&lt;/script&gt;<br>\n&lt;b&gt;x&lt;/b&gt; &amp; co";

    /**
     * All of this test's clients speak HTTP/1.1, as browsers and proxies do to a plain-http address:
     * Payara's h2c breaks for everybody after a request with a large header (docs/security.md).
     */
    static final HttpClient HTTP_1_1 =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static CasegateProcess casegate;
    static ThrowawayDatabase database;

    @BeforeAll
    static void start() throws SQLException {
        database = ThrowawayDatabase.create("hostile");
        Map<String, String> settings = new LinkedHashMap<>(database.casegateSettings());
        settings.put("casegate.data.dir", "target/it-data/hostile-input-" + UUID.randomUUID());
        settings.put("casegate.sandbox.enabled", "true");
        settings.put("casegate.api.keys", API_KEY);
        settings.put("casegate.delivery.poll-interval", "PT1S");
        settings.put("casegate.form.case-number-wait", "1s");
        // The fuzz test posts the form some hundred times from one address.
        settings.put("casegate.limits.form.max", "0");
        // Small files, so that "huge" parts are cheap to send: the body limit is 3 MB.
        settings.put("casegate.files.max-file-size-mb", "1");
        settings.put("casegate.files.max-total-size-mb", "2");
        casegate = CasegateProcess.start("hostile-input", "casegate", settings, "index.xhtml");
    }

    @AfterAll
    static void stop() throws SQLException {
        if (casegate != null) {
            casegate.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void aFilesTypeInTheCrmFollowsItsExtensionNotTheRequest() {
        String tag = tag();
        byte[] body = NoScriptForm.multipart(
                "xyz",
                ApiClient.validFields(tag, "type-" + tag + "@example.ru", "ООО Типы"),
                "files",
                List.of(FilePart.named("акт.pdf", "text/html", "<html><script>alert(1)</script>".getBytes(UTF_8))));
        HttpResponse<String> api = send(HttpRequest.newBuilder(casegate.url("api/v1/submissions"))
                .header("X-Api-Key", API_KEY)
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(202, api.statusCode(), api.body());

        String formTag = tag();
        HttpResponse<String> form = NoScriptForm.open(
                        casegate.url("index.xhtml"), formTag, "type-" + formTag + "@example.ru", "ООО Типы")
                .post(List.of(FilePart.named("скан.PDF", "text/html", "<html>".getBytes(UTF_8))));
        assertTrue(form.body().contains("id=\"sent-dialog\""), form.body());

        for (String subjectTag : List.of(tag, formTag)) {
            JsonObject found = awaitCase(subjectTag);
            List<JsonObject> files = await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> crm().rows("CaseFile", "Id,Name", "Case/Id eq " + found.getString("Id")),
                            rows -> rows.size() == 1);
            String type = crm().caseFileType(files.get(0).getString("Id"));
            assertTrue(type.startsWith("application/pdf"), subjectTag + ": " + type);
        }
    }

    @Test
    void markupTypedByAVisitorReachesTheCrmAsEscapedText() {
        String tag = tag();
        Map<String, String> fields = ApiClient.validFields(tag, "markup-" + tag + "@example.ru", "ООО <b>Разметка</b>");
        fields.put("description", MARKUP);
        Answer api = new ApiClient(casegate.url("api/"), API_KEY, HTTP_1_1).submit(fields);
        assertEquals(202, api.status(), api.body());

        String formTag = tag();
        NoScriptForm form = NoScriptForm.open(
                casegate.url("index.xhtml"), formTag, "markup-" + formTag + "@example.ru", "ООО Разметка");
        form.fields().put("feedback:description", MARKUP);
        HttpResponse<String> sent = form.post(List.of(FilePart.smallPdf("акт.pdf")));
        assertTrue(sent.body().contains("id=\"sent-dialog\""), sent.body());

        for (String subjectTag : List.of(tag, formTag)) {
            JsonObject found = awaitCase(subjectTag);
            String symptoms = found.getString("Symptoms");
            assertTrue(symptoms.endsWith(MARKUP_AS_HTML), symptoms);
            assertFalse(symptoms.contains("<script") || symptoms.contains("<b>"), symptoms);
            List<JsonObject> messages = await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> crm().rows("Activity", "Id,Body", "Case/Id eq " + found.getString("Id")),
                            rows -> rows.size() == 1);
            assertEquals(MARKUP_AS_HTML, messages.get(0).getString("Body"));
        }
        assertTrue(
                awaitCase(tag).getString("Symptoms").contains("ООО &lt;b&gt;Разметка&lt;/b&gt;<br>\n"),
                "the organisation as text");
    }

    @Test
    void valuesLongerThanTheirColumnsAreRefusedInTheVisitorsLanguageOrCutNever5xx() throws SQLException {
        ApiClient api = new ApiClient(casegate.url("api/"), API_KEY, HTTP_1_1);
        // Every column a visitor fills, one character over: 400 naming the field.
        Map<String, Integer> columns = new LinkedHashMap<>();
        columns.put("name", 200);
        columns.put("email", 254);
        columns.put("organisation", 250);
        columns.put("subject", 250);
        columns.put("description", 5000);
        columns.put("phone", 100);
        columns.put("service", 250);
        columns.put("visitorIp", 64);
        columns.put("consentTextVersion", 100);
        for (Map.Entry<String, Integer> column : columns.entrySet()) {
            String tag = tag();
            Map<String, String> fields = ApiClient.validFields(tag, "long-" + tag + "@example.ru", "ООО Длинные");
            fields.put(column.getKey(), overlong(column.getKey(), column.getValue() + 1));
            Answer refused = api.submit(fields, Map.of("a.txt", "a".getBytes(UTF_8)), null, "en");
            assertEquals(400, refused.status(), column.getKey() + ": " + refused.body());
            assertTrue(refused.body().contains("\"" + column.getKey() + "\""), refused.body());
            assertTrue(refused.body().contains("At most " + column.getValue()), refused.body());
        }
        Map<String, String> inn = ApiClient.validFields("inn", "inn@example.ru", "ООО Длинные");
        inn.put("inn", "7707083893" + "0".repeat(10));
        Answer innRefused = api.submit(inn);
        assertEquals(400, innRefused.status(), innRefused.body());
        assertTrue(innRefused.body().contains("\"inn\""), innRefused.body());

        // Cut where harmless: the user agent, the idempotency key; a file name keeps its extension.
        String agentTag = tag();
        Map<String, String> agent = ApiClient.validFields(agentTag, "agent-" + agentTag + "@example.ru", "ООО Длинные");
        // 13 characters, then pairs of UTF-16 units: a cut at 1000 units falls inside a pair.
        agent.put("visitorUserAgent", "Mozilla/5.0 x" + "😀".repeat(3000));
        Answer cut = api.submit(agent, Map.of("b".repeat(400) + ".txt", "b".getBytes(UTF_8)), "k".repeat(5000), null);
        assertEquals(202, cut.status(), cut.body());
        String storedAgent = stored("user_agent", "agent-" + agentTag + "@example.ru");
        assertEquals("Mozilla/5.0 x" + "😀".repeat(493), storedAgent, "cut before the pair it would split");

        // The form: too long fields shown in Russian next to the field; the user agent cut.
        String formTag = tag();
        NoScriptForm tooLong =
                NoScriptForm.open(casegate.url("index.xhtml"), formTag, "form-" + formTag + "@example.ru", "ООО Ф");
        tooLong.fields().put("feedback:name", "и".repeat(201));
        tooLong.fields().put("feedback:organisation", "о".repeat(251));
        tooLong.fields().put("feedback:subject", "т".repeat(251));
        tooLong.fields().put("feedback:description", "д".repeat(5001));
        tooLong.fields().put("feedback:phone", "8 912 345-67-89" + " ".repeat(100));
        HttpResponse<String> refused = tooLong.post(List.of(FilePart.smallPdf("акт.pdf")));
        assertEquals(200, refused.statusCode(), refused.body());
        assertFalse(refused.body().contains("id=\"sent-dialog\""), refused.body());
        // (The phone's own rule may be the one shown for it: one message per field.)
        for (int max : List.of(200, 250, 5000)) {
            assertTrue(refused.body().contains("Не более " + max + " символов"), max + " in " + refused.body());
        }

        String agentFormTag = tag();
        HttpResponse<String> accepted = NoScriptForm.open(
                        casegate.url("index.xhtml"), agentFormTag, "form-" + agentFormTag + "@example.ru", "ООО Ф")
                .post(
                        List.of(FilePart.smallPdf("c".repeat(400) + ".pdf")),
                        Map.of("User-Agent", "Agent/" + "x".repeat(5000)));
        assertTrue(accepted.body().contains("id=\"sent-dialog\""), accepted.body());
        assertEquals(
                1000,
                stored("user_agent", "form-" + agentFormTag + "@example.ru").length());
        String fileName = awaitFileName(agentFormTag);
        assertEquals(255, fileName.length(), fileName);
        assertTrue(fileName.endsWith(".pdf"), fileName);
    }

    @Test
    void aFormPostedWithAViewStateTheServerNoLongerHasGoesBackToTheFormNot500() {
        String tag = tag();
        NoScriptForm form =
                NoScriptForm.open(casegate.url("index.xhtml"), tag, "expired-" + tag + "@example.ru", "ООО Истекло");
        form.fields().put("jakarta.faces.ViewState", "-1234567890123456789:-987654321987654321");
        HttpResponse<String> answer = form.post(List.of(FilePart.smallPdf("акт.pdf")));
        assertEquals(302, answer.statusCode(), answer.body());
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertTrue(location.endsWith("/index.xhtml?expired=true"), location);
        HttpResponse<String> page = send(
                HttpRequest.newBuilder(casegate.url("index.xhtml?expired=true")).header("Accept-Language", "ru"));
        assertTrue(page.body().contains("Заполните форму ещё раз"), page.body());
        assertTrue(crm().rows("Case", "Id", "contains(Subject,'" + tag + "')").isEmpty());
    }

    /**
     * Some hundred malformed requests to the form and the API, from a fixed seed, after three valid
     * submissions: no answer is a 5xx, the earlier submissions arrive in the CRM once and intact,
     * and the server is ready afterwards and takes a valid submission again.
     */
    @Test
    @Order(Integer.MAX_VALUE) // last: what it leaves behind must not touch the other tests
    void fuzzedRequestsNeverFailTheServerNorTheSubmissionsBeforeThem() {
        List<String> earlier = new ArrayList<>();
        ApiClient api = new ApiClient(casegate.url("api/"), API_KEY, HTTP_1_1);
        for (int i = 0; i < 2; i++) {
            String tag = tag();
            Map<String, String> fields = ApiClient.validFields(tag, "before-" + tag + "@example.ru", "ООО До");
            fields.put("description", "Исходный текст " + tag);
            assertEquals(202, api.submit(fields).status());
            earlier.add(tag);
        }
        String formTag = tag();
        NoScriptForm before =
                NoScriptForm.open(casegate.url("index.xhtml"), formTag, "before-" + formTag + "@example.ru", "ООО До");
        before.fields().put("feedback:description", "Исходный текст " + formTag);
        assertTrue(before.post(List.of(FilePart.smallPdf("акт.pdf"))).body().contains("id=\"sent-dialog\""));
        earlier.add(formTag);

        long started = System.nanoTime();
        HostileRequests.Report report = new HostileRequests(casegate, API_KEY, 14L).run(HostileRequests.COUNT);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("Fuzz: " + report.sent() + " requests in " + took + ", answers " + report.byStatus());

        assertTrue(
                report.serverErrors().isEmpty(),
                () -> report.serverErrors().size() + " answers 5xx:\n" + String.join("\n", report.serverErrors()));
        assertTrue(report.sent() >= 300, "sent " + report.sent());
        assertTrue(took.compareTo(Duration.ofMinutes(2)) < 0, "took " + took);

        for (String tag : earlier) {
            JsonObject found = awaitCase(tag);
            assertEquals(
                    1,
                    crm().rows("Case", "Id", "contains(Subject,'" + tag + "')").size(),
                    tag);
            assertTrue(found.getString("Symptoms").endsWith("Исходный текст " + tag), found.getString("Symptoms"));
            assertTrue(found.getString("Symptoms").contains("before-" + tag + "@example.ru"), tag);
        }
        HttpResponse<String> ready =
                send(HttpRequest.newBuilder(casegate.serverUrl("health/ready")).GET());
        assertEquals(200, ready.statusCode(), ready.body());
        String after = tag();
        Answer again = api.submit(ApiClient.validFields(after, "after-" + after + "@example.ru", "ООО После"));
        assertEquals(202, again.status(), again.body());
        awaitCase(after);
    }

    private static String overlong(String field, int length) {
        return switch (field) {
            case "email" -> "a".repeat(length - "@example.ru".length()) + "@example.ru";
            case "phone" -> "8 912 345-67-89" + " ".repeat(length - "8 912 345-67-89".length());
            case "visitorIp" -> "1".repeat(length);
            default -> "я".repeat(length);
        };
    }

    private static String stored(String column, String email) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        database.casegateSettings().get("casegate.db.url"),
                        database.casegateSettings().get("casegate.db.user"),
                        System.getProperty("casegate.it.postgres.password", ""));
                PreparedStatement query =
                        connection.prepareStatement("SELECT " + column + " FROM submission WHERE email = ?")) {
            query.setString(1, email);
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next(), "no submission of " + email);
                return rows.getString(1);
            }
        }
    }

    private static String awaitFileName(String tag) {
        JsonObject found = awaitCase(tag);
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> crm().rows("CaseFile", "Id,Name", "Case/Id eq " + found.getString("Id")),
                        rows -> rows.size() == 1)
                .get(0)
                .getString("Name");
    }

    /** The CRM's case whose subject carries {@code tag}, once it exists. */
    static JsonObject awaitCase(String tag) {
        return await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> crm().rows("Case", "Id,Number,Subject,Symptoms", "contains(Subject,'" + tag + "')"),
                        rows -> !rows.isEmpty())
                .get(0);
    }

    static CrmInspector crm() {
        return new CrmInspector(casegate.url("sandbox/"));
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        return NoScriptForm.send(HTTP_1_1, request);
    }

    static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
