package io.casegate.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class DatabaseSchemaTest {

    static final String WILDFLY_DS = "java:jboss/datasources/CasegateDS";

    @Test
    void onWildFlyTheKeyAloneStopsTheStartBecausePersistenceXmlWouldNotSeeIt() {
        Optional<String> problem = DatabaseSchema.checkJndiName(Optional.of(WILDFLY_DS), null, true);

        assertEquals(
                "casegate.db.jndi-name: on WildFly set the system property \"MPCONFIG=casegate.db.jndi-name\""
                        + " (src/main/wildfly/postgresql.cli does), which persistence.xml reads; got \""
                        + WILDFLY_DS + "\" as casegate.db.jndi-name while WildFly gives JPA java:app/jdbc/casegate",
                problem.orElseThrow());
    }

    @Test
    void onWildFlyTheKeyAgreeingWithThePropertyOrNoKeyAtAllIsFine() {
        assertTrue(DatabaseSchema.checkJndiName(Optional.of(WILDFLY_DS), WILDFLY_DS, true)
                .isEmpty());
        assertTrue(
                DatabaseSchema.checkJndiName(Optional.empty(), WILDFLY_DS, true).isEmpty());
        assertTrue(DatabaseSchema.checkJndiName(Optional.empty(), null, true).isEmpty());
    }

    @Test
    void onPayaraTheKeyIsWhatPersistenceXmlReads() {
        assertTrue(DatabaseSchema.checkJndiName(Optional.of("jdbc/casegate"), null, false)
                .isEmpty());
    }

    @Test
    void withoutAnyNameItIsCasegatesOwnDataSource() {
        assertEquals(DatabaseSchema.DATA_SOURCE, DatabaseSchema.jndiName());
    }
}
