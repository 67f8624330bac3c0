package io.casegate.delivery.boundary;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;

/**
 * The outage and crash scenarios on PostgreSQL: the machine's server on 127.0.0.1:5432
 * ({@code casegate.it.postgres.*} to change), in a database of the test's own that is created
 * afresh for each run and touches no other.
 */
class PostgresDeliveryResilienceIT extends DeliveryResilienceScenarios {

    static final String SERVER = System.getProperty("casegate.it.postgres.server", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getProperty("casegate.it.postgres.user", "postgres");
    static final String PASSWORD = System.getProperty("casegate.it.postgres.password", "");
    static final String DATABASE = "casegate_it_resilience";

    @BeforeAll
    static void start() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        startBoth("postgres", Map.of(
                "casegate.data.dir", "target/it-data/resilience-pg-" + UUID.randomUUID(),
                "casegate.db.url", SERVER + DATABASE,
                "casegate.db.user", USER));
    }
}
