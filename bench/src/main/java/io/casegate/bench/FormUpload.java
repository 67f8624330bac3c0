package io.casegate.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.casegate.testing.ApiClient;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.PlainBrowser.Page;

/**
 * The visitors' form as a browser without JavaScript sends it with a large file: the page is read
 * for its view state and services, then the whole form goes as one multipart/form-data request
 * (which the harness's {@code PlainBrowser} does not send); the answer is the page with the
 * success dialog, which refreshes itself until the case number is there (or the form's wait is
 * over and it shows the reference).
 */
final class FormUpload {

    private static final Pattern FIRST_SERVICE = Pattern.compile("<option value=\"([^\"]+)\"");
    private static final Pattern REFRESH = Pattern.compile("http-equiv=\"refresh\" content=\"\\d+;url=([^\"]+)\"");
    private static final Pattern SHOWN_NUMBER = Pattern.compile("(SR|WEB-)[0-9-]+");

    private final URI page;
    private final HttpClient browser = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    FormUpload(CasegateProcess casegate) {
        this.page = casegate.url("");
    }

    /** Sends the form with one generated file of {@code size} bytes; answers the number the success dialog shows. */
    String submit(Map<String, String> visitor, String fileName, long size) throws Exception {
        Page form = get(page);
        String viewState =
                form.viewState().orElseThrow(() -> new IllegalStateException("the form page has no view state"));
        URI action =
                form.formAction("feedback").orElseThrow(() -> new IllegalStateException("the form page has no form"));
        Matcher service = FIRST_SERVICE.matcher(form.body());
        if (!service.find()) {
            throw new IllegalStateException("the form page offers no service");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("feedback", "feedback");
        for (String name : List.of("name", "email", "phone", "organisation", "inn", "subject", "description")) {
            fields.put("feedback:" + name, visitor.get(name));
        }
        fields.put("feedback:service", service.group(1));
        fields.put("feedback:consent", "on");
        fields.put("feedback:website", "");
        fields.put("feedback:send", "send");
        fields.put("jakarta.faces.ViewState", viewState);
        String boundary = "bench-" + UUID.randomUUID();
        HttpResponse<String> answer = browser.send(
                HttpRequest.newBuilder(action)
                        .timeout(Duration.ofMinutes(10))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(ApiClient.multipartWithGeneratedFile(boundary, fields, "feedback:files", fileName, size))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        // While the dialog waits for the case number, the page refreshes itself (every 2 s) to the
        // page of the sent form; nothing on the server waits for the number (docs/form.md).
        Page result = new Page(answer.statusCode(), action, null, answer.body());
        Matcher refresh = REFRESH.matcher(answer.body());
        while (result.status() == 200 && refresh.find()) {
            Thread.sleep(2000);
            result = get(action.resolve(refresh.group(1).replace("&amp;", "&")));
            refresh = REFRESH.matcher(result.body());
        }
        Matcher shown = SHOWN_NUMBER.matcher(result.textOf("sent-message").orElse(""));
        if (!shown.find()) {
            shown = SHOWN_NUMBER.matcher(result.textOf("sent-followup").orElse(""));
        }
        if (result.status() != 200 || !shown.find(0)) {
            throw new IllegalStateException(
                    "the sent form answered " + result.status() + " without a number: " + result.text());
        }
        return shown.group();
    }

    private Page get(URI uri) throws Exception {
        HttpResponse<String> answer = browser.send(
                HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Page(answer.statusCode(), uri, null, answer.body());
    }
}
