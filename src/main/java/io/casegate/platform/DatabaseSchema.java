package io.casegate.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;

/**
 * Casegate's database and its schema. The data source is Casegate's own ({@value #DATA_SOURCE}): an
 * embedded H2 file database under {@code casegate.data.dir} unless {@code casegate.db.url} names
 * another (PostgreSQL). Or, when {@value #JNDI_NAME_KEY} names one, a data source the server manages
 * (its pool, its credentials). Either way the schema is brought up to date by the versioned scripts in
 * {@code db/migration} before anything else starts, so that JPA only ever sees a migrated schema.
 * <p>
 * JPA finds the same data source through {@code persistence.xml}, whose {@code jta-data-source} is
 * {@code ${MPCONFIG=casegate.db.jndi-name:java:app/jdbc/casegate}}: Payara resolves that from its
 * MicroProfile Config when it deploys; WildFly (with {@code spec-descriptor-property-replacement}, set
 * by the shipped {@code src/main/wildfly/casegate.cli}) reads it as a system property named
 * {@value #WILDFLY_PROPERTY} with a default. This class looks up the same name.
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

    /** The system property that names a server-managed data source instead of {@link #DATA_SOURCE}. */
    public static final String JNDI_NAME_KEY = "casegate.db.jndi-name";

    /** The same on WildFly: the name WildFly gives the key in {@code persistence.xml}'s expression. */
    static final String WILDFLY_PROPERTY = "MPCONFIG=" + JNDI_NAME_KEY;

    /**
     * Runs before every other initialisation observer but the check of the configuration, in particular
     * before the dispatcher starts.
     */
    public static final int MIGRATION_PRIORITY = ConfigurationCheck.PRIORITY + 1;

    private static final Logger LOG = Logger.getLogger(DatabaseSchema.class.getName());

    @Resource(lookup = DATA_SOURCE)
    DataSource ownDataSource;

    /** The one in use: {@link #ownDataSource} or the server's, found at startup. */
    volatile DataSource dataSource;

    private volatile boolean postgreSql;

    void migrateAtStartup(@Observes @Priority(MIGRATION_PRIORITY) @Initialized(ApplicationScoped.class) Object event) {
        migrate();
    }

    public void migrate() {
        dataSource = inUse();
        try (Connection connection = dataSource.getConnection()) {
            postgreSql = connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase()
                    .contains("postgres");
            LOG.info(() -> "Casegate's database: " + productOf(connection) + ", data source " + jndiName());
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

    private DataSource inUse() {
        String name = jndiName();
        if (name.equals(DATA_SOURCE)) {
            return ownDataSource;
        }
        try {
            return (DataSource) new InitialContext().lookup(name);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException(
                    JNDI_NAME_KEY + ": the server has no data source named " + name + " (" + e + ")", e);
        }
    }

    /**
     * The data source's JNDI name, as the server resolved {@code persistence.xml}'s
     * {@code ${MPCONFIG=casegate.db.jndi-name:java:app/jdbc/casegate}}: on WildFly the system property
     * of that odd name ({@value #WILDFLY_PROPERTY}, set by {@code src/main/wildfly/postgresql.cli}); on
     * Payara the MicroProfile Config key {@value #JNDI_NAME_KEY}; else Casegate's own.
     */
    public static String jndiName() {
        String wildFly = System.getProperty(WILDFLY_PROPERTY);
        if (wildFly != null && !wildFly.isBlank()) {
            return wildFly.strip();
        }
        return configured().orElse(DATA_SOURCE);
    }

    private static Optional<String> configured() {
        try {
            return ConfigProvider.getConfig(DatabaseSchema.class.getClassLoader())
                    .getOptionalValue(JNDI_NAME_KEY, String.class)
                    .map(String::strip)
                    .filter(value -> !value.isEmpty());
        } catch (IllegalStateException | LinkageError noMicroProfileConfig) {
            return Optional.empty();
        }
    }

    /**
     * The problem with {@value #JNDI_NAME_KEY}, if any: on WildFly ({@code onWildFly}), a value set
     * only as the key ({@code configured}) reaches this class but not the server's reading of {@code
     * persistence.xml}, which needs {@value #WILDFLY_PROPERTY}; JPA and the migrations would use
     * different databases.
     */
    static Optional<String> checkJndiName(Optional<String> configured, String wildFlyProperty, boolean onWildFly) {
        Optional<String> wanted = configured.map(String::strip).filter(value -> !value.isEmpty());
        if (!onWildFly || wanted.isEmpty()) {
            return Optional.empty();
        }
        String resolved = wildFlyProperty == null || wildFlyProperty.isBlank() ? DATA_SOURCE : wildFlyProperty.strip();
        if (resolved.equals(wanted.get())) {
            return Optional.empty();
        }
        return Optional.of(JNDI_NAME_KEY + ": on WildFly set the system property \"" + WILDFLY_PROPERTY
                + "\" (src/main/wildfly/postgresql.cli does), which persistence.xml reads; got \"" + wanted.get()
                + "\" as " + JNDI_NAME_KEY + " while WildFly gives JPA " + resolved);
    }

    /** {@link #checkJndiName(Optional, String, boolean)} for this JVM. */
    static Optional<String> checkJndiName(Optional<String> configured) {
        return checkJndiName(
                configured, System.getProperty(WILDFLY_PROPERTY), System.getProperty("jboss.home.dir") != null);
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
