package io.casegate.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A PostgreSQL database of one test run's own, on the machine's server at 127.0.0.1:5432
 * ({@code casegate.it.postgres.server}, {@code .user}, {@code .password} to change): created at the
 * start, dropped at the end; no other database is touched. Its name has a random part, because other
 * worktrees or CI may run the same test on the same server at the same time.
 */
public final class ThrowawayDatabase {

    private static final String SERVER =
            System.getProperty("casegate.it.postgres.server", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getProperty("casegate.it.postgres.user", "postgres");
    private static final String PASSWORD = System.getProperty("casegate.it.postgres.password", "");

    private final String name;

    private ThrowawayDatabase(String name) {
        this.name = name;
    }

    /** Creates {@code casegate_it_<purpose>_<random>}. */
    public static ThrowawayDatabase create(String purpose) throws SQLException {
        ThrowawayDatabase database = new ThrowawayDatabase("casegate_it_" + purpose + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        database.onServer("CREATE DATABASE " + database.name);
        return database;
    }

    public String name() {
        return name;
    }

    /** A database of this server that already exists (created by an earlier step of the build). */
    public static ThrowawayDatabase existing(String name) {
        return new ThrowawayDatabase(name);
    }

    /** The JDBC URL of this database. */
    public String url() {
        return SERVER + name;
    }

    public static String user() {
        return USER;
    }

    /** The server's password for {@link #user()}; empty when the server trusts loopback connections. */
    public static String password() {
        return PASSWORD;
    }

    /** A connection to this database, for a test that checks what a server wrote into it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    /** The Casegate settings that point a node at this database. */
    public Map<String, String> casegateSettings() {
        return Map.of("casegate.db.url", SERVER + name, "casegate.db.user", USER);
    }

    /** Runs statements on the server's maintenance database (for example to lock this one out). */
    public void onServer(String... statements) throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
                Statement statement = admin.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    public void drop() throws SQLException {
        onServer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
