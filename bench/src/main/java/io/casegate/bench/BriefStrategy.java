package io.casegate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.casegate.testing.SandboxCrm;

/**
 * The comparison scenario: the brief's integration against the same sandbox at the same latency.
 * For every submission a login, then, one after another in the calling thread and with no session
 * reuse: find the contact, create the account and the contact (a new visitor only), the case (its
 * number comes back), the message, the file (one UploadFile chunk). Run at the intake's levels for
 * the same time with the same visitors and report; then the first level's visitors return one after
 * another. Figures: rate and latency per level, CRM calls and logins per submission, the returning
 * visitors' latency and calls. It calls the CRM directly, without an intake hop of its own.
 */
record BriefStrategy(Settings settings, Results results, SandboxCrm crm) {

    private static final Pattern CONTACT =
            Pattern.compile("\"Id\"\\s*:\\s*\"([0-9a-f-]{36})\".*?\"AccountId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern CASE_NUMBER = Pattern.compile("\"Number\"\\s*:\\s*\"(SR\\d+)\"");
    private static final int WARMUP_CONCURRENCY = 4;
    private static final int MAX_WARMUP_SECONDS = 5;

    void run() throws Exception {
        Results.log("the brief's strategy: warm-up");
        LoadLoop.run(
                Math.min(settings.warmupSeconds(), MAX_WARMUP_SECONDS),
                WARMUP_CONCURRENCY,
                index -> submit(Traffic.visitor("warm-brief-" + index)),
                null,
                results);
        SandboxCrm.Stats before = crm.stats();
        long submitted = 0;
        for (int concurrency : settings.levels()) {
            Results.log("brief strategy, concurrency " + concurrency + ", " + settings.secondsPerLevel() + " s, load "
                    + Machine.loadAverage());
            LoadLoop.Stats stats = LoadLoop.run(
                    settings.secondsPerLevel(),
                    concurrency,
                    index -> submit(Traffic.visitor(levelVisitor(concurrency, index))),
                    "intake,brief,-," + concurrency,
                    results);
            results.record("intake.brief.c" + concurrency, stats);
            submitted += stats.ok();
        }
        SandboxCrm.Stats used = crm.stats().minus(before);
        results.put("brief.callsPerSubmission", used.requests() / (double) submitted);
        results.put("brief.loginsPer1000", 1000.0 * used.logins() / submitted);

        // The first level's visitors again, one after another: the brief's time to case for a returning visitor.
        List<Double> returning = new ArrayList<>();
        SandboxCrm.Stats beforeReturning = crm.stats();
        for (int index = 0; index < settings.timeToCaseCount(); index++) {
            long sent = System.nanoTime();
            submit(Traffic.visitor(levelVisitor(settings.firstLevel(), index)));
            returning.add((System.nanoTime() - sent) / 1e6);
        }
        LoadLoop.Stats stats = LoadLoop.Stats.of(returning, 0, 0);
        results.put("brief.returning.p50", stats.p50());
        results.put("brief.returning.p99", stats.p99());
        results.put(
                "brief.returning.calls",
                crm.stats().minus(beforeReturning).requests() / (double) settings.timeToCaseCount());
    }

    private static String levelVisitor(int concurrency, int index) {
        return "b-" + concurrency + "-" + index;
    }

    /** One submission the brief's way; answers 200 once the case, message and file exist. */
    int submit(Map<String, String> visitor) {
        Session session = login();
        String email = visitor.get("email");
        String phone = "+7" + visitor.get("phone").replaceAll("\\D", "").substring(1);
        // A base Creatio refuses tolower() in $filter (docs/sandbox.md), so the brief's way compares as typed.
        String filter = "Email eq '" + email + "' or MobilePhone eq '" + phone + "'";
        HttpResponse<String> found = send(session.json(HttpRequest.newBuilder(
                        crmUri("0/odata/Contact?$select=Id,AccountId&$top=1&$filter=" + encode(filter))))
                .GET());
        check(found, 200);
        String contactId;
        String accountId;
        Matcher contact = CONTACT.matcher(found.body());
        if (contact.find()) {
            contactId = contact.group(1);
            accountId = contact.group(2);
        } else {
            accountId = UUID.randomUUID().toString();
            check(
                    post(
                            session,
                            "0/odata/Account",
                            "{\"Id\":\"" + accountId + "\",\"Name\":" + quote(visitor.get("organisation")) + "}"),
                    201);
            contactId = UUID.randomUUID().toString();
            check(
                    post(
                            session,
                            "0/odata/Contact",
                            "{\"Id\":\"" + contactId + "\",\"Name\":" + quote(visitor.get("name")) + ",\"Email\":"
                                    + quote(visitor.get("email")) + ",\"MobilePhone\":" + quote(phone)
                                    + ",\"AccountId\":\"" + accountId + "\"}"),
                    201);
        }
        String caseId = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        HttpResponse<String> created = post(
                session,
                "0/odata/Case",
                "{\"Id\":\"" + caseId + "\",\"Subject\":" + quote(visitor.get("subject"))
                        + ",\"Symptoms\":" + quote(visitor.get("description")) + ",\"ContactId\":\"" + contactId
                        + "\",\"AccountId\":\"" + accountId
                        + "\",\"RegisteredOn\":\"" + now + "\"}");
        check(created, 201);
        if (!CASE_NUMBER.matcher(created.body()).find()) {
            throw new IllegalStateException("no case number: " + created.body());
        }
        check(
                post(
                        session,
                        "0/odata/Activity",
                        "{\"Id\":\"" + UUID.randomUUID() + "\",\"Title\":" + quote(visitor.get("subject"))
                                + ",\"Body\":" + quote(visitor.get("description")) + ",\"CaseId\":\"" + caseId
                                + "\",\"ContactId\":\"" + contactId
                                + "\",\"AccountId\":\"" + accountId + "\",\"StartDate\":\"" + now + "\",\"DueDate\":\""
                                + now + "\"}"),
                201);
        byte[] file = Traffic.REPORT;
        URI upload = crmUri("0/rest/FileApiService/UploadFile?fileId=" + UUID.randomUUID() + "&totalFileLength="
                + file.length
                + "&mimeType=application%2Fpdf&fileName=" + Traffic.REPORT_NAME
                + "&columnName=Data&entitySchemaName=CaseFile&parentColumnName=Case&parentColumnValue=" + caseId);
        HttpResponse<String> uploaded = send(session.authenticated(HttpRequest.newBuilder(upload))
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", "bytes 0-" + (file.length - 1) + "/" + file.length)
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)));
        check(uploaded, 200);
        if (!uploaded.body().contains("\"success\":true")) {
            throw new IllegalStateException("upload: " + uploaded.body());
        }
        return 200;
    }

    /** A CRM session: its cookies and the CSRF token every call repeats in a header. */
    private record Session(String cookies, String csrf) {

        HttpRequest.Builder authenticated(HttpRequest.Builder request) {
            return request.header("Cookie", cookies).header("BPMCSRF", csrf);
        }

        HttpRequest.Builder json(HttpRequest.Builder request) {
            return authenticated(request).header("Accept", "application/json");
        }
    }

    private Session login() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(crmUri("ServiceModel/AuthService.svc/Login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"UserName\":\"Supervisor\",\"UserPassword\":\"Supervisor\"}")));
        StringBuilder cookies = new StringBuilder();
        String csrf = null;
        for (String cookie : answer.headers().allValues("Set-Cookie")) {
            String pair = cookie.split(";", 2)[0];
            cookies.append(cookies.length() == 0 ? "" : "; ").append(pair);
            if (pair.startsWith("BPMCSRF=")) {
                csrf = pair.substring("BPMCSRF=".length());
            }
        }
        if (answer.statusCode() != 200 || csrf == null) {
            throw new IllegalStateException("login: " + answer.statusCode() + " " + answer.body());
        }
        return new Session(cookies.toString(), csrf);
    }

    /** A path below the sandbox's root, such as {@code 0/odata/Case}. */
    private URI crmUri(String path) {
        return URI.create(crm.root() + "/" + path);
    }

    private HttpResponse<String> post(Session session, String path, String json) {
        return send(session.json(HttpRequest.newBuilder(crmUri(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return Traffic.HTTP.send(
                    request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void check(HttpResponse<String> answer, int expected) {
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(answer.request().uri().getPath() + " answered " + answer.statusCode() + ": "
                    + answer.body().substring(0, Math.min(300, answer.body().length())));
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
