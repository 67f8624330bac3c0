package io.casegate.feedback.boundary;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CrmInspector;
import io.casegate.testing.Deployments;

/**
 * The REST intake as a site's server uses it, against the packaged WAR with its built-in sandbox
 * CRM: what the client is told, and what the CRM then holds. The API key is set in arquillian.xml.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SubmissionsApiIT {

    static final String API_KEY = "it-api-key";
    static final Pattern REFERENCE = Pattern.compile("WEB-\\d{4}-\\d{6,}");
    static final Pattern CASE_NUMBER = Pattern.compile("SR\\d{8}");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.casegate();
    }

    @ArquillianResource
    URL base;

    ApiClient api() {
        return new ApiClient(URI.create(base.toString()).resolve("api/"), API_KEY);
    }

    CrmInspector crm() {
        return new CrmInspector(URI.create(base.toString()).resolve("sandbox/"));
    }

    @Test
    void anAcceptedSubmissionBecomesExactlyOneCaseWhoseNumberTheClientLearns() {
        String tag = "happy-" + UUID.randomUUID();
        Answer accepted = api().submit(ApiClient.validFields(tag, "happy@example.ru", "ООО Ромашка " + tag));

        assertEquals(202, accepted.status(), accepted.body());
        String reference = accepted.text("reference");
        assertTrue(REFERENCE.matcher(reference).matches(), reference);
        assertTrue(accepted.json().containsKey("caseNumber"), accepted.body());
        assertTrue(accepted.text("statusUrl").endsWith("/api/v1/submissions/" + reference), accepted.body());

        String caseNumber = awaitCaseNumber(reference);
        assertTrue(CASE_NUMBER.matcher(caseNumber).matches(), caseNumber);
        assertEquals("DELIVERED", api().status(reference).text("status"));
        List<JsonObject> cases = casesTagged(tag);
        assertEquals(1, cases.size(), cases::toString);
        assertEquals(caseNumber, cases.get(0).getString("Number"));
    }

    @Test
    void aReplayedIdempotencyKeyGivesTheSameReferenceAndOneCase() {
        String tag = "replay-" + UUID.randomUUID();
        Map<String, String> fields = ApiClient.validFields(tag, "replay@example.ru", "ООО Повтор " + tag);
        Map<String, byte[]> files = Map.of("log.txt", "stack trace".getBytes(StandardCharsets.UTF_8));
        String key = UUID.randomUUID().toString();

        Answer first = api().submit(fields, files, key, null);
        Answer replay = api().submit(fields, files, key, null);

        assertEquals(202, first.status(), first.body());
        assertEquals(202, replay.status(), replay.body());
        assertEquals(first.text("reference"), replay.text("reference"));
        String caseNumber = awaitCaseNumber(first.text("reference"));
        Answer late = api().submit(fields, files, key, null);
        assertEquals(first.text("reference"), late.text("reference"));
        assertEquals(caseNumber, late.text("caseNumber"));
        assertEquals(1, casesTagged(tag).size());
    }

    @Test
    void aMissingOrWrongApiKeyIsRefusedWithAProblem() {
        String tag = "unauthorised-" + UUID.randomUUID();
        for (String key : new String[] {null, "wrong-key"}) {
            Answer refused = new ApiClient(URI.create(base.toString()).resolve("api/"), key)
                    .submit(ApiClient.validFields(tag, "nokey@example.ru", "ООО Без ключа"));
            assertEquals(401, refused.status(), refused.body());
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
            assertEquals(401, refused.json().getInt("status"));
            assertFalse(refused.text("title").isBlank());
        }
        assertEquals(
                401,
                new ApiClient(URI.create(base.toString()).resolve("api/"), "wrong-key")
                        .status("WEB-2026-000001")
                        .status());
        assertEquals(0, casesTagged(tag).size());
    }

    @Test
    void invalidFieldsAndAMissingFileGiveFieldProblemsInTheFormsWords() {
        Map<String, String> fields = new HashMap<>(ApiClient.validFields("invalid", "not-an-email", "ООО Ошибка"));
        fields.remove("name");
        fields.put("inn", "1234567890");

        Answer russian = api().submit(fields, Map.of(), null, null);

        assertEquals(400, russian.status(), russian.body());
        assertTrue(russian.contentType().startsWith("application/problem+json"), russian.contentType());
        Map<String, String> problems = fieldProblems(russian);
        assertEquals("Укажите ФИО", problems.get("name"));
        assertEquals("Укажите e-mail в формате name@example.ru", problems.get("email"));
        assertEquals("ИНН должен состоять из 10 или 12 цифр с верной контрольной суммой", problems.get("inn"));
        assertEquals("Прикрепите файл", problems.get("files"));

        Answer english = api().submit(fields, Map.of(), null, "en-GB,en;q=0.9");
        assertEquals("Attach a file", fieldProblems(english).get("files"));
        assertEquals("Enter your full name", fieldProblems(english).get("name"));
    }

    /** PHP's cURL sends several files as parts named files[0], files[1], …: they are the submission's files. */
    @Test
    void filesNamedAsPhpNamesThemAreAttachedToTheCase() throws IOException, InterruptedException {
        String tag = "php-" + UUID.randomUUID();
        String boundary = "php-" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        ApiClient.validFields(tag, "php@example.ru", "ООО PHP " + tag)
                .forEach((name, value) -> body.append("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                        + name + "\"\r\n\r\n" + value + "\r\n"));
        for (int i = 0; i < 2; i++) {
            body.append("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files[" + i
                    + "]\"; filename=\"php-" + i + ".txt\"\r\nContent-Type: text/plain\r\n\r\nfile " + i + "\r\n");
        }
        body.append("--" + boundary + "--\r\n");
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base.toString()).resolve("api/v1/submissions"))
                                .header("X-Api-Key", API_KEY)
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(202, answer.statusCode(), answer.body());
        String reference = REFERENCE
                .matcher(answer.body())
                .results()
                .findFirst()
                .orElseThrow()
                .group();
        awaitCaseNumber(reference);
        String caseId = casesTagged(tag).get(0).getString("Id");
        List<JsonObject> files = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> crm().rows("CaseFile", "Id,Name", "Case/Id eq " + caseId), rows -> rows.size() == 2);
        assertEquals(
                List.of("php-0.txt", "php-1.txt"),
                files.stream().map(file -> file.getString("Name")).sorted().toList());
    }

    /** The OpenAPI document, on every runtime (this test runs on Payara and on WildFly), needs no key. */
    @Test
    void theOpenApiDocumentIsServedWithoutAKey() throws IOException, InterruptedException {
        HttpResponse<String> document = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base.toString()).resolve("api/openapi.yaml"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, document.statusCode(), document.body());
        assertTrue(
                document.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"),
                document.headers().map().toString());
        assertTrue(document.body().startsWith("openapi: 3.0.3"), document.body());
        assertTrue(document.body().contains("  /v1/submissions/{reference}:"), document.body());
        String contextPath = URI.create(base.toString()).getPath().replaceAll("/$", "");
        assertTrue(document.body().contains("  - url: " + contextPath + "/api\n"), document.body());
    }

    @Test
    void anUnknownReferenceIsNotFound() {
        Answer missing = api().status("WEB-1999-999999");
        assertEquals(404, missing.status());
        assertTrue(missing.contentType().startsWith("application/problem+json"));
    }

    @Test
    void theStatusPageShowsTheCaseNumberOnlyToTheVisitorWithTheRightEmail() throws Exception {
        String tag = "status-" + UUID.randomUUID();
        Answer accepted = api().submit(ApiClient.validFields(tag, "status@example.ru", "ООО Статус"));
        String reference = accepted.text("reference");
        String caseNumber = awaitCaseNumber(reference);

        String wrongEmail = checkStatus(reference, "someone.else@example.ru");
        String unknown = checkStatus("WEB-1999-999999", "status@example.ru");
        String right = checkStatus(reference, "Status@Example.ru");
        String byCaseNumber = checkStatus(caseNumber, "status@example.ru");

        assertTrue(wrongEmail.contains("Обращение с таким номером и e-mail не найдено"), wrongEmail);
        assertFalse(wrongEmail.contains(caseNumber));
        assertEquals(answerOf(unknown), answerOf(wrongEmail));
        assertTrue(right.contains(caseNumber), right);
        assertTrue(right.contains("Мы свяжемся с вами в рабочее время по мск с 9:00 до 18:00"), right);
        assertTrue(byCaseNumber.contains(reference), byCaseNumber);
    }

    /** Fills in and submits the status form like a browser without JavaScript: the answer page. */
    private String checkStatus(String reference, String email) throws IOException, InterruptedException {
        HttpClient browser =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        URI page = URI.create(base.toString()).resolve("status.xhtml");
        String form = browser.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher viewState = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
                .matcher(form);
        assertTrue(viewState.find(), form);
        Matcher action =
                Pattern.compile("<form id=\"status\"[^>]*action=\"([^\"]+)\"").matcher(form);
        assertTrue(action.find(), form);
        String body = "status=status&status%3Areference=" + encode(reference) + "&status%3Aemail=" + encode(email)
                + "&status%3Acheck=x&jakarta.faces.ViewState="
                + encode(viewState.group(1).replace("&#58;", ":"));
        HttpResponse<String> answer = browser.send(
                HttpRequest.newBuilder(page.resolve(action.group(1).replace("&amp;", "&")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }

    private static String answerOf(String page) {
        Matcher answer =
                Pattern.compile("(?s)<div id=\"status:answer\".*?</div>").matcher(page);
        assertTrue(answer.find(), page);
        return answer.group();
    }

    private String awaitCaseNumber(String reference) {
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api().status(reference).text("caseNumber"), number -> number != null);
    }

    private List<JsonObject> casesTagged(String tag) {
        return crm().rows("Case", "Id,Number,Subject", "contains(Subject,'" + tag + "')");
    }

    private static Map<String, String> fieldProblems(Answer answer) {
        Map<String, String> problems = new HashMap<>();
        assertNotNull(answer.json().getJsonArray("errors"), answer.body());
        answer.json()
                .getJsonArray("errors")
                .forEach(error -> problems.merge(
                        error.asJsonObject().getString("field"),
                        error.asJsonObject().getString("message"),
                        (first, second) -> first));
        return problems;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
