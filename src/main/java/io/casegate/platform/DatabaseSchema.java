package io.casegate.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import org.flywaydb.core.Flyway;

/**
 * Casegate's database and its schema. The data source is an embedded H2 file database under
 * {@code casegate.data.dir} unless {@code casegate.db.url} names another (PostgreSQL); the schema
 * is brought up to date by the versioned scripts in {@code db/migration} before anything else
 * starts, so that JPA only ever sees a migrated schema.
 */
@DataSourceDefinition(
        name = DatabaseSchema.DATA_SOURCE,
        className = "io.casegate.platform.ConfiguredDataSource",
        url = "${MPCONFIG=casegate.db.url}",
        user = "${MPCONFIG=casegate.db.user}",
        password = "${MPCONFIG=casegate.db.password}",
        minPoolSize = 0,
        maxPoolSize = 32,
        // Connections of a killed database server or a restarted PostgreSQL must not linger.
        properties = {
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=auto-commit"
        })
@ApplicationScoped
public class DatabaseSchema {

    public static final String DATA_SOURCE = "java:app/jdbc/casegate";

    /**
     * Runs before every other initialisation observer but the check of the configuration, in particular
     * before the dispatcher starts.
     */
    public static final int MIGRATION_PRIORITY = ConfigurationCheck.PRIORITY + 1;

    private static final Logger LOG = Logger.getLogger(DatabaseSchema.class.getName());

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    private volatile boolean postgreSql;

    void migrateAtStartup(@Observes @Priority(MIGRATION_PRIORITY) @Initialized(ApplicationScoped.class) Object event) {
        migrate();
    }

    public void migrate() {
        try (Connection connection = dataSource.getConnection()) {
            postgreSql = connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase()
                    .contains("postgres");
            LOG.info(() -> "Casegate's database: " + productOf(connection));
        } catch (SQLException e) {
            throw new IllegalStateException("Casegate's database is not reachable: " + e.getMessage(), e);
        }
        var result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
    }

    private static String productOf(Connection connection) {
        try {
            return connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return "unknown";
        }
    }

    /**
     * A connection of Casegate's data source, for checks that run outside the application's own
     * threads (WildFly calls health checks on a management thread, where {@code java:app} names
     * cannot be looked up; this bean's data source was injected at startup).
     */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Whether the database is PostgreSQL (else H2): for the few statements the two spell differently. */
    public boolean isPostgreSql() {
        return postgreSql;
    }
}
