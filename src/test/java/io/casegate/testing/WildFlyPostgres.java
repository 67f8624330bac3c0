package io.casegate.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The database of the profile wildfly's second WildFly (pom.xml), run by the build before and after
 * its tests: {@code create FILE DRIVER_JAR} makes a {@link ThrowawayDatabase} and writes the properties
 * that {@code src/main/wildfly/postgresql.cli} reads; {@code drop FILE} drops that database again.
 */
public final class WildFlyPostgres {

    private WildFlyPostgres() {}

    public static void main(String[] args) throws IOException, SQLException, ClassNotFoundException {
        // Maven runs each step in a class loader of its own, and DriverManager offers a caller only
        // the drivers its own loader registered: load (and so register) the driver here.
        Class.forName("org.postgresql.Driver");
        Path file = Path.of(args[1]);
        if (args[0].equals("create")) {
            ThrowawayDatabase database = ThrowawayDatabase.create("wildfly");
            Properties properties = new Properties();
            properties.setProperty("postgresql.jar", args[2]);
            properties.setProperty("db.name", database.name());
            properties.setProperty("db.url", database.url());
            properties.setProperty("db.user", ThrowawayDatabase.user());
            // WildFly's pool wants a password; a server that trusts loopback ignores it.
            String password = ThrowawayDatabase.password();
            properties.setProperty("db.password", password.isEmpty() ? "unused" : password);
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                properties.store(out, "the database of the wildfly-postgresql test run (WildFlyPostgres)");
            }
        } else if (args[0].equals("drop")) {
            ThrowawayDatabase.existing(databaseName(file)).drop();
        } else {
            throw new IllegalArgumentException("create FILE DRIVER_JAR, or drop FILE");
        }
    }

    /** The name of the database that {@code create} wrote into {@code file}. */
    public static String databaseName(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return properties.getProperty("db.name");
    }
}
