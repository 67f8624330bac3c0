package io.casegate.platform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.casegate.testing.CasegateProcess;
import io.casegate.testing.ThrowawayDatabase;

/**
 * Issue 16: Casegate on a data source that Payara manages, named by {@code casegate.db.jndi-name}, as an
 * operator sets it up: a JDBC connection pool and resource made by asadmin commands (here a post-boot
 * command file of Payara Micro; on Payara Server the same commands, docs/operations.md), the
 * PostgreSQL driver in the server's libraries, and no {@code casegate.db.url} (the built-in data
 * source, had it been used, would have written to an H2 file instead).
 */
class ServerDataSourceIT {

    static final String JNDI_NAME = "jdbc/casegate-server";
    static final String API_KEY = "it-api-key";

    static ThrowawayDatabase database;
    static CasegateProcess casegate;

    @BeforeAll
    static void start() throws SQLException, IOException {
        database = ThrowawayDatabase.create("jndi");
        String password = ThrowawayDatabase.password().isEmpty() ? "unused" : ThrowawayDatabase.password();
        Path commands = Files.createDirectories(Path.of("target", "it-payara"))
                .resolve("server-data-source-" + UUID.randomUUID() + ".txt");
        Files.writeString(
                commands,
                String.join(
                        "\n",
                        "create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource"
                                + " --restype javax.sql.DataSource"
                                + " --isconnectvalidatereq=true --validationmethod=auto-commit"
                                + " --property URL=" + asadminValue(database.url())
                                + ":user=" + asadminValue(ThrowawayDatabase.user())
                                + ":password=" + asadminValue(password)
                                + " casegate-server-pool",
                        "create-jdbc-resource --connectionpoolid casegate-server-pool " + JNDI_NAME,
                        ""));
        casegate = CasegateProcess.startWithMicroOptions(
                "server-data-source",
                "casegate",
                Map.of(
                        "casegate.db.jndi-name",
                        JNDI_NAME,
                        "casegate.data.dir",
                        "target/it-data/server-data-source-" + UUID.randomUUID(),
                        "casegate.sandbox.enabled",
                        "true",
                        "casegate.api.keys",
                        API_KEY),
                "index.xhtml",
                List.of("--postbootcommandfile", commands.toString(), "--addlibs", postgresqlDriver()));
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
    void theMigrationsRunOnTheServersDataSource() throws SQLException, IOException {
        ServerDataSourceChecks.assertSchemaMigratedIn(database);
        String log = Files.readString(casegate.log());
        assertTrue(log.contains("data source " + JNDI_NAME), "the start names the data source in use");
    }

    @Test
    void aSubmissionIsStoredInTheServersDatabaseAndDelivered() throws SQLException {
        ServerDataSourceChecks.assertSubmissionStoredAndDeliveredIn(database, casegate.url("api/"), API_KEY);
    }

    /** asadmin's property syntax separates with colons: those inside a value are escaped. */
    static String asadminValue(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }

    /** The driver the WAR carries, from the local Maven repository (the build resolved it). */
    static String postgresqlDriver() {
        String jar = System.getProperty("casegate.it.postgresql-jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("casegate.it.postgresql-jar (set by the pom) names no file: " + jar);
        }
        return jar;
    }
}
