package io.casegate.crm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading what the self-check needs out of a CSDL document, and nothing a hostile document smuggles in. */
class ODataMetadataTest {

    @Test
    void entitySetsAndTheColumnsOfTheirTypes() {
        ODataMetadata metadata = ODataMetadata.parse(MappingVerifierTest.sample("metadata-base.xml"));

        assertEquals(4, metadata.entitySetCount());
        assertTrue(metadata.hasEntitySet("Case"));
        assertFalse(metadata.hasEntitySet("ContactCommunication"));
        assertEquals(Optional.of(true), metadata.hasColumn("Case", "ServiceItemId"));
        assertEquals(Optional.of(true), metadata.hasColumn("Account", "Owner"), "a navigation property");
        assertEquals(Optional.of(false), metadata.hasColumn("Account", "INN"));
        assertEquals(Optional.of(false), metadata.hasColumn("Account", "Email"), "another type's column");
        assertEquals(Optional.empty(), metadata.hasColumn("ContactCommunication", "Number"));
    }

    @Test
    void aTypeNamedByAnAliasIsFoundByItsSimpleName() {
        ODataMetadata metadata = ODataMetadata.parse("""
                <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
                <Schema Namespace="Terrasoft.Configuration" Alias="T" xmlns="http://docs.oasis-open.org/odata/ns/edm">
                <EntityType Name="Case"><Property Name="Subject" Type="Edm.String"/></EntityType>
                <EntityContainer Name="BPMonline"><EntitySet Name="Case" EntityType="T.Case"/></EntityContainer>
                </Schema></edmx:DataServices></edmx:Edmx>
                """);

        assertEquals(Optional.of(true), metadata.hasColumn("Case", "Subject"));
    }

    @Test
    void anHtmlPageOrBrokenXmlIsNoCsdl() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ODataMetadata.parse("<html><body><form id=\"login\"></form></body></html>"));
        assertThrows(IllegalArgumentException.class, () -> ODataMetadata.parse("<edmx:Edmx Version=\"4.0\""));
        assertThrows(IllegalArgumentException.class, () -> ODataMetadata.parse(""));
    }

    @Test
    void anExternalEntityIsNeverRead(@TempDir Path directory) throws IOException {
        Path secret = Files.writeString(directory.resolve("secret.txt"), "SecretColumn");
        String hostile = "<?xml version=\"1.0\"?>\n<!DOCTYPE edmx:Edmx [<!ENTITY xxe SYSTEM \"" + secret.toUri()
                + "\">]>\n"
                + "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices>"
                + "<Schema Namespace=\"N\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">"
                + "<EntityType Name=\"Case\"><Property Name=\"&xxe;\" Type=\"Edm.String\"/></EntityType>"
                + "<EntityContainer Name=\"C\"><EntitySet Name=\"Case\" EntityType=\"N.Case\"/></EntityContainer>"
                + "</Schema></edmx:DataServices></edmx:Edmx>";

        // Without DTD support the entity stays undeclared: the document is refused, the file unread.
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> ODataMetadata.parse(hostile));
        assertFalse(refused.getMessage().contains("SecretColumn"), refused.getMessage());
    }
}
