package io.casegate.platform;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import io.casegate.testing.ApiClient;
import io.casegate.testing.ApiClient.Answer;
import io.casegate.testing.ThrowawayDatabase;

/**
 * What a Casegate on a server-managed data source must show, on any runtime: the migrations ran on
 * that database, and a submission taken through the API is stored there and delivered (its case
 * number written back in a later transaction).
 */
final class ServerDataSourceChecks {

    private ServerDataSourceChecks() {}

    static void assertSchemaMigratedIn(ThrowawayDatabase database) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet versions = statement.executeQuery(
                        "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success")) {
            assertTrue(versions.next());
            assertTrue(versions.getInt(1) >= 5, "schema version in " + database.name() + ": " + versions.getInt(1));
        }
    }

    /** Submits through the API at {@code api} and returns the case number, checked in the database. */
    static String assertSubmissionStoredAndDeliveredIn(ThrowawayDatabase database, URI api, String apiKey)
            throws SQLException {
        ApiClient client = new ApiClient(api, apiKey);
        String tag = "server-ds-" + UUID.randomUUID();
        Answer accepted = client.submit(ApiClient.validFields(tag, "server-ds@example.ru", "ООО Сервер " + tag));
        assertEquals(202, accepted.status(), accepted.body());
        String reference = accepted.text("reference");
        String caseNumber = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> client.status(reference).text("caseNumber"), number -> number != null);
        try (Connection connection = database.connect();
                PreparedStatement query =
                        connection.prepareStatement("SELECT case_number FROM submission WHERE reference = ?")) {
            query.setString(1, reference);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), reference + " is not in " + database.name());
                assertEquals(caseNumber, row.getString(1));
            }
        }
        return caseNumber;
    }
}
