package io.casegate.feedback.boundary;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.CasegateProcess;
import io.casegate.testing.CrmInspector;
import io.casegate.testing.PlainBrowser;
import io.casegate.testing.PlainBrowser.Page;

/**
 * The retention of personal data (docs/security.md, "Personal data"), with a tiny period: delivered
 * submissions are anonymised by the timer a few seconds after their delivery (the row's personal
 * columns, the files and their published copies, the CRM call log, the outbox errors), while an
 * undelivered one keeps everything. Run on H2 (one node) and on PostgreSQL (two nodes on one
 * database, each submission anonymised by exactly one of them). The database is read after the
 * nodes have stopped.
 */
abstract class PersonalDataRetentionScenarios {

    static final String API_KEY = "retention-key";
    static final Pattern ANONYMISED = Pattern.compile("Anonymised the personal data of (\\d+) delivered submissions");

    /** The settings of a node: a retention of 4 s, checked every second. */
    static Map<String, String> settings(Path dataDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("casegate.data.dir", dataDir.toString());
        settings.put("casegate.api.keys", API_KEY);
        settings.put("casegate.privacy.retention", "4s");
        settings.put("casegate.privacy.check-interval", "1s");
        settings.put("casegate.delivery.poll-interval", "PT1S");
        settings.put("casegate.delivery.retry.base", "1s");
        settings.put("casegate.delivery.retry.max", "2s");
        settings.put("casegate.crm.external-file-types", "txt");
        return settings;
    }

    /** The node with the sandbox CRM (and the API the test uses). */
    abstract CasegateProcess node();

    /** Every node on the database (their logs say how many each anonymised). */
    abstract List<CasegateProcess> nodes();

    abstract Connection database() throws SQLException;

    abstract Path dataDir();

    void deliveredSubmissionsLoseTheirPersonalDataAfterTheRetentionAndUndeliveredOnesKeepIt() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        ApiClient api = new ApiClient(node().url("api/"), API_KEY);
        List<String> delivered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Answer accepted = api.submit(
                    visitor(tag, i),
                    Map.of(
                            "note-" + i + ".txt",
                            "kept outside the CRM".getBytes(),
                            "Паспорт Иванова " + i + ".txt",
                            "a name that names a person".getBytes()),
                    null,
                    null);
            assertEquals(202, accepted.status(), accepted.body());
            delivered.add(accepted.text("reference"));
        }
        List<String> caseNumbers = delivered.stream()
                .map(reference -> awaitCaseNumber(api, reference))
                .toList();

        crm().faults("{\"outage\":true}");
        String waiting;
        try {
            waiting = api.submit(visitor(tag, 9)).text("reference");
            // The delivered ones: not found by their e-mail once anonymised; the case number stays.
            for (int i = 0; i < delivered.size(); i++) {
                String reference = delivered.get(i);
                String email = "retention-" + tag + "-" + i + "@example.ru";
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> statusAnswer(reference, email).startsWith("Обращение с таким номером"));
                assertEquals(caseNumbers.get(i), api.status(reference).text("caseNumber"));
            }
            // Several more rounds: the undelivered one keeps everything.
            Thread.sleep(3000);
            assertTrue(
                    statusAnswer(waiting, "retention-" + tag + "-9@example.ru").contains(waiting),
                    "the undelivered submission lost its data");
        } finally {
            crm().faults("{\"outage\":false}");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> published().isEmpty());

        int anonymisedByNodes = 0;
        for (CasegateProcess node : nodes()) {
            node.close();
            Matcher logged = ANONYMISED.matcher(Files.readString(node.log()));
            while (logged.find()) {
                anonymisedByNodes += Integer.parseInt(logged.group(1));
            }
        }
        // The waiting one was delivered once the outage ended, and may have been anonymised too.
        assertTrue(
                anonymisedByNodes == 3 || anonymisedByNodes == 4,
                "each delivered submission anonymised once by one node, not " + anonymisedByNodes);

        try (Connection db = database()) {
            for (int i = 0; i < delivered.size(); i++) {
                Map<String, Object> row = row(db, "SELECT * FROM submission WHERE reference = ?", delivered.get(i));
                for (String blank : List.of("name", "email", "organisation", "subject", "description")) {
                    assertEquals("", row.get(blank), blank);
                }
                for (String gone : List.of("phone", "phone_normalised", "inn", "client_ip", "user_agent")) {
                    assertNull(row.get(gone), gone);
                }
                assertNotNull(row.get("anonymised_at"));
                assertEquals(caseNumbers.get(i), row.get("case_number"));
                assertNotNull(row.get("received_at"));
                assertNotNull(row.get("delivered_at"));
                assertNotNull(row.get("status_token"), "the status link keeps working (it shows no personal data)");
                String id = (String) row.get("id");
                assertEquals(0L, count(db, "SELECT COUNT(*) FROM crm_call WHERE submission_id = ?", id));
                assertEquals(0L, count(db, "SELECT COUNT(*) FROM delivery_step WHERE submission_id = ?", id));
                assertEquals(
                        0L,
                        count(
                                db,
                                "SELECT COUNT(*) FROM outbox_entry WHERE subject_id = ? AND last_error IS NOT NULL",
                                id));
                assertEquals(
                        0L,
                        count(
                                db,
                                "SELECT COUNT(*) FROM attachment WHERE submission_id = ?"
                                        + " AND (file_name <> '' OR removed_at IS NULL)",
                                id));
                assertEquals(2L, count(db, "SELECT COUNT(*) FROM attachment WHERE submission_id = ?", id));
            }
            assertFalse(storedFiles().stream().anyMatch(file -> file.toString().endsWith(".txt")));
        }
        assertEquals(List.of(), published(), "published copies of the anonymised submissions' files");
    }

    private static Map<String, String> visitor(String tag, int i) {
        Map<String, String> fields =
                ApiClient.validFields(tag + "-" + i, "retention-" + tag + "-" + i + "@example.ru", "ООО Хранение " + i);
        fields.put("visitorIp", "203.0.113." + (10 + i));
        fields.put("visitorUserAgent", "Mozilla/5.0 (retention " + tag + ")");
        return fields;
    }

    private List<Path> published() throws IOException {
        Path directory = dataDir().resolve("external-files");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> !file.getFileName().toString().contains("."))
                    .toList();
        }
    }

    private List<Path> storedFiles() throws IOException {
        Path directory = dataDir().resolve("attachments");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private String statusAnswer(String reference, String email) {
        PlainBrowser visitor = new PlainBrowser();
        Page page = visitor.get(node().url("status.xhtml"));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", "status");
        fields.put("status:reference", reference);
        fields.put("status:email", email);
        fields.put("status:check", "Проверить");
        fields.put("jakarta.faces.ViewState", page.viewState().orElseThrow());
        Page answer = visitor.post(page.formAction("status").orElseThrow(), fields);
        return answer.textOf("status:answer").orElse("");
    }

    private CrmInspector crm() {
        return new CrmInspector(URI.create(node().url("sandbox/").toString()));
    }

    private static String awaitCaseNumber(ApiClient api, String reference) {
        return await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.status(reference).text("caseNumber"), number -> number != null);
    }

    private static Map<String, Object> row(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                assertTrue(result.next(), sql + " " + parameter);
                Map<String, Object> row = new LinkedHashMap<>();
                for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                    row.put(result.getMetaData().getColumnLabel(column).toLowerCase(), result.getObject(column));
                }
                return row;
            }
        }
    }

    private static long count(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
