package io.casegate.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import io.casegate.testing.Deployments;
import io.casegate.testing.ThrowawayDatabase;
import io.casegate.testing.WildFlyPostgres;

/**
 * Issue 16 on WildFly: an unmodified WildFly prepared only with the scripts shipped for operators
 * ({@code src/main/wildfly/casegate.cli} and {@code postgresql.cli}, run by the profile wildfly) runs
 * the WAR on WildFly's own PostgreSQL data source, and the admin area logs in through Casegate's own
 * security domain. Runs only in that profile's second WildFly ({@code arquillian.launch=wildfly-postgresql}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly-postgresql")
class WildFlyServerDataSourceIT {

    /** Set in arquillian.xml's container wildfly-postgresql, with the hash of this password. */
    static final String ADMIN = "wildfly-admin";

    static final String ADMIN_PASSWORD = "wildfly-admin-password";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.casegate();
    }

    @ArquillianResource
    URL base;

    ThrowawayDatabase database() throws IOException {
        return ThrowawayDatabase.existing(
                WildFlyPostgres.databaseName(Path.of(System.getProperty("casegate.it.wildfly.db-properties"))));
    }

    @Test
    void theMigrationsRanOnWildFlysDataSourceAndASubmissionIsStoredThereAndDelivered()
            throws IOException, SQLException {
        ThrowawayDatabase database = database();
        ServerDataSourceChecks.assertSchemaMigratedIn(database);
        ServerDataSourceChecks.assertSubmissionStoredAndDeliveredIn(
                database, URI.create(base.toString()).resolve("api/"), "it-api-key");
    }

    @Test
    void theAdminAreaLogsInThroughCasegatesOwnSecurityDomain() throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        URI start = URI.create(base.toString()).resolve("admin/index.xhtml");

        HttpResponse<String> anonymous = browser.send(get(start), HttpResponse.BodyHandlers.ofString());
        assertTrue(
                anonymous.uri().getPath().endsWith("/admin-login.xhtml"),
                anonymous.uri().toString());

        HttpResponse<String> wrong =
                browser.send(login(ADMIN, "not-the-password"), HttpResponse.BodyHandlers.ofString());
        assertEquals("failed=true", wrong.uri().getQuery(), wrong.uri().toString());

        HttpResponse<String> right = browser.send(login(ADMIN, ADMIN_PASSWORD), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, right.statusCode(), right.body());
        assertTrue(
                right.uri().getPath().endsWith("/admin/index.xhtml"),
                right.uri().toString());
        HttpResponse<String> again = browser.send(get(start), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, again.statusCode());
        assertEquals(start.getPath(), again.uri().getPath(), "signed in, the start page opens without a detour");
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
    }

    private HttpRequest login(String name, String password) {
        String form = "j_username=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&j_password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create(base.toString()).resolve("j_security_check"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
    }
}
