package io.casegate.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredDataSourceTest {

    @Test
    void relativeH2FilesAreMadeAbsoluteKeepingTheSettings() {
        String absolute = ConfiguredDataSource.absoluteH2Url("jdbc:h2:file:target/it-data/db/casegate;WRITE_DELAY=0");
        assertEquals(
                "jdbc:h2:file:" + Path.of("target/it-data/db/casegate").toAbsolutePath() + ";WRITE_DELAY=0", absolute);
        assertEquals(
                "jdbc:h2:file:/var/lib/casegate/db",
                ConfiguredDataSource.absoluteH2Url("jdbc:h2:file:/var/lib/casegate/db"));
        assertEquals("jdbc:h2:mem:test", ConfiguredDataSource.absoluteH2Url("jdbc:h2:mem:test"));
    }

    @Test
    void unresolvedPlaceholdersMeanNotSet() {
        ConfiguredDataSource cut = new ConfiguredDataSource();
        cut.setPassword("${MPCONFIG=casegate.db.password}");
        assertNull(cut.getPassword());
    }

    @Test
    void opensAnH2FileDatabase(@TempDir Path directory) throws SQLException {
        ConfiguredDataSource cut = new ConfiguredDataSource();
        cut.setUrl("jdbc:h2:file:" + directory.resolve("db") + ";WRITE_DELAY=0");
        cut.setUser("casegate");
        try (Connection connection = cut.getConnection()) {
            assertTrue(connection.getMetaData().getDatabaseProductName().contains("H2"));
        }
    }

    @Test
    void refusesOtherDatabases() {
        ConfiguredDataSource cut = new ConfiguredDataSource();
        cut.setUrl("jdbc:mysql://127.0.0.1/db");
        assertThrows(SQLException.class, cut::getConnection);
        assertTrue(cut.toString().contains("jdbc:mysql"));
    }
}
