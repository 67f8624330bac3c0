package io.casegate.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.casegate.testing.CasegateProcess;

/**
 * The sandbox is a witness only if clients written for real Creatio instances work against it
 * unchanged. This runs a public one, creatio-api-py 1.1.0 (vendored byte for byte under
 * src/test/resources/third-party, see the README there), under the Debian system Python with Debian's
 * packages, through login, create, read, filter, finding a contact through ContactCommunication,
 * update and delete. The sandbox plays an install with a custom {@code UsrINN} column on Account.
 */
class ThirdPartyCreatioClientIT {

    /** Debian's interpreter: the Debian packages that .ci/run installs (python3-requests…) are its. */
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    static CasegateProcess server;

    @BeforeAll
    static void start() {
        server = CasegateProcess.start(
                "third-party-client",
                "thirdparty",
                Map.of(
                        "casegate.sandbox.enabled", "true",
                        "casegate.sandbox.account-inn-column", "UsrINN",
                        "casegate.data.dir", "target/it-data/third-party-client-" + UUID.randomUUID()),
                "sandbox/_stats");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void creatioApiPyDoesItsOrdinaryOperationsUnchanged() throws Exception {
        assertTrue(
                Files.isExecutable(PYTHON),
                PYTHON + " is missing: apt-get install python3 python3-requests python3-dotenv python3-rich"
                        + " python3-aiohttp (as .ci/run does)");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long loginsBefore = stats().getJsonNumber("logins").longValue();

        Path thirdParty = Path.of(ThirdPartyCreatioClientIT.class
                        .getResource("/third-party/check_creatio_client.py")
                        .toURI())
                .getParent();
        // Isolated mode (-I): no PYTHON* variables, no user site; the vendored packages go first on the path.
        ProcessBuilder builder = new ProcessBuilder(
                        PYTHON.toString(),
                        "-I",
                        "-c",
                        "import sys, runpy; sys.path[:0] = sys.argv[1:3]; script = sys.argv[3]; sys.argv = [script];"
                                + " runpy.run_path(script, run_name='__main__')",
                        thirdParty.resolve("creatio-api-py").toString(),
                        thirdParty.resolve("requests-pprint").toString(),
                        thirdParty.resolve("check_creatio_client.py").toString())
                .directory(thirdParty.toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("CREATIO_URL", server.url("sandbox").toString());
        environment.put("CREATIO_USER", "Supervisor");
        environment.put("CREATIO_PASSWORD", "Supervisor");
        environment.put("INN_COLUMN", "UsrINN");
        environment.put("RUN_TAG", tag);
        environment.put("PYTHONIOENCODING", "utf-8");
        Process python = builder.start();
        python.getOutputStream().close();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(2, TimeUnit.MINUTES), "the client hung");
        assertEquals(0, python.exitValue(), "the client failed:\n" + out);

        String result = out.lines()
                .filter(line -> line.startsWith("{"))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no result from the client:\n" + out));
        JsonObject seen = Json.createReader(new StringReader(result)).readObject();
        String contactId = seen.getString("contactId");
        assertEquals(List.of(contactId), ids(seen, "filteredIds"));
        assertEquals(List.of(contactId), ids(seen, "byPhone"), "found by a phone written another way");
        assertEquals(List.of(contactId), ids(seen, "byEmail"));
        assertEquals("Кассир", seen.getString("jobTitle"));
        assertEquals("7707083893", seen.getString("inn"));
        assertEquals(0, seen.getInt("rowsAfterDelete"), "a contact's communications go with it");
        assertEquals(loginsBefore + 1, stats().getJsonNumber("logins").longValue(), "one forms login");
    }

    private static List<String> ids(JsonObject seen, String key) {
        return seen.getJsonArray(key).getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    private static JsonObject stats() throws IOException, InterruptedException, URISyntaxException {
        String body = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(server.url("sandbox/_stats")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return Json.createReader(new StringReader(body)).readObject();
    }
}
