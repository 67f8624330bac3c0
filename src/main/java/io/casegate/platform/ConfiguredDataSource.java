package io.casegate.platform;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.ConfigProvider;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The data source class of {@code java:app/jdbc/casegate}: the driver is chosen by the URL
 * ({@code jdbc:h2:…} or {@code jdbc:postgresql:…}), so that operators switch databases with
 * {@code casegate.db.url} alone instead of also naming a driver class. The application server
 * pools its connections; this class only opens them.
 */
public class ConfiguredDataSource implements DataSource {

    private String url;
    private String user;
    private String password;
    private volatile DataSource delegate;
    private PrintWriter logWriter;
    private int loginTimeout;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = configured(url, "casegate.db.url");
    }

    public String getURL() {
        return url;
    }

    public void setURL(String url) {
        setUrl(url);
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = configured(user, "casegate.db.user");
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = configured(password, "casegate.db.password");
    }

    /**
     * The value the server hands over, or else {@code key} from MicroProfile Config. Payara
     * resolves the {@code ${MPCONFIG=key}} placeholders of {@link DatabaseSchema}'s data source
     * definition itself (and hands an unset one over verbatim); WildFly hands over an empty string,
     * so the key is read from MicroProfile Config here. No MicroProfile Config at all means "not set".
     */
    static String configured(String value, String key) {
        if (value != null && !value.isBlank() && !value.startsWith("${")) {
            return value.strip();
        }
        return fromMicroProfileConfig(key);
    }

    private static String fromMicroProfileConfig(String key) {
        try {
            return ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader())
                    .getOptionalValue(key, String.class)
                    .filter(found -> !found.isBlank())
                    .map(String::strip)
                    .orElse(null);
        } catch (IllegalStateException | LinkageError noMicroProfileConfig) {
            return null;
        }
    }

    DataSource delegate() throws SQLException {
        DataSource current = delegate;
        if (current == null) {
            synchronized (this) {
                if (delegate == null) {
                    delegate = open(url, user, password);
                }
                current = delegate;
            }
        }
        return current;
    }

    static DataSource open(String url, String user, String password) throws SQLException {
        if (url == null) {
            throw new SQLException("casegate.db.url is not set");
        }
        if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setUrl(url);
            if (user != null) {
                postgres.setUser(user);
            }
            if (password != null) {
                postgres.setPassword(password);
            }
            return postgres;
        }
        if (url.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(absoluteH2Url(url));
            h2.setUser(user == null ? "" : user);
            h2.setPassword(password == null ? "" : password);
            return h2;
        }
        throw new SQLException("casegate.db.url must start with jdbc:h2: or jdbc:postgresql:");
    }

    /**
     * H2 refuses file paths that are implicitly relative to the working directory, but
     * {@code casegate.data.dir} may well be relative (the tests use {@code target/it-data}).
     */
    static String absoluteH2Url(String url) {
        String prefix = "jdbc:h2:file:";
        if (!url.startsWith(prefix)) {
            return url;
        }
        String rest = url.substring(prefix.length());
        int settings = rest.indexOf(';');
        String file = settings < 0 ? rest : rest.substring(0, settings);
        if (file.startsWith("~") || file.startsWith("./") || Path.of(file).isAbsolute()) {
            return url;
        }
        return prefix + Path.of(file).toAbsolutePath().normalize() + (settings < 0 ? "" : rest.substring(settings));
    }

    @Override
    public Connection getConnection() throws SQLException {
        return delegate().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        // WildFly's pool passes the data source definition's user and password again, as it got
        // them: unresolved placeholders. Those mean the configured ones.
        String givenUser = configured(username, "casegate.db.user");
        if (givenUser == null || username.startsWith("${")) {
            return delegate().getConnection();
        }
        return delegate().getConnection(givenUser, configured(password, "casegate.db.password"));
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return delegate().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || delegate().isWrapperFor(type);
    }

    @Override
    public String toString() {
        // Never the password.
        return "ConfiguredDataSource[" + url + ", user " + user + "]";
    }
}
