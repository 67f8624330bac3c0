package io.casegate.crm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.casegate.crm.entity.CrmRejectedException;
import io.casegate.crm.entity.MappingCheck;
import io.casegate.crm.entity.MappingRequirement;
import io.casegate.crm.entity.RequirementCheck;
import io.casegate.crm.entity.RequirementCheck.Finding;
import io.casegate.platform.Texts;

/** The mapping's requirements held against a sample of Creatio's $metadata and its lookup records. */
class MappingVerifierTest {

    static final Instant NOW = Instant.parse("2026-12-01T14:00:00Z");
    static final UUID WEB_ORIGIN = UUID.fromString("ea71fe35-d1ca-4d8e-ac83-db4bc6a13d4e");
    static final UUID UNKNOWN_ORIGIN = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");

    static String sample(String name) {
        try (InputStream in = MappingVerifierTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    final ODataMetadata metadata = ODataMetadata.parse(sample("metadata-base.xml"));
    final List<String> reads = new ArrayList<>();
    final Set<UUID> origins = Set.of(WEB_ORIGIN);

    boolean read(String entitySet, UUID id) {
        reads.add(entitySet + "(" + id + ")");
        return entitySet.equals("CaseOrigin") && origins.contains(id);
    }

    MappingCheck verify(MappingRequirement... requirements) {
        return MappingVerifier.verify(List.of(requirements), metadata, this::read, NOW);
    }

    static String english(RequirementCheck check) {
        return Texts.text(Locale.ENGLISH, check.messageKey(), check.messageArguments());
    }

    @Test
    void entitySetsPropertiesNavigationPropertiesAndExistingRecordsPass() {
        MappingCheck check = verify(
                MappingRequirement.entitySet("Contact", "casegate.crm.contact-entity"),
                MappingRequirement.column("Contact", "Email", "casegate.crm.contact-email-column"),
                MappingRequirement.column("Case", "Origin", "casegate.crm.case-origin-column"),
                MappingRequirement.record("CaseOrigin", WEB_ORIGIN, "casegate.crm.case-origin-id"));

        assertEquals(MappingCheck.State.VALID, check.state(), check.summary());
        assertEquals(NOW, check.checkedAt());
        assertTrue(check.requirements().stream().allMatch(r -> r.finding() == Finding.PRESENT));
        assertEquals(List.of("CaseOrigin(" + WEB_ORIGIN + ")"), reads);
    }

    @Test
    void aMissingEntitySetIsNamedWithItsKey() {
        MappingCheck check =
                verify(MappingRequirement.column("ContactCommunication", "Number", "casegate.crm.contact-match"));

        assertEquals(MappingCheck.State.INVALID, check.state());
        RequirementCheck missing = check.missing().get(0);
        assertEquals(Finding.NO_ENTITY_SET, missing.finding());
        assertEquals("ContactCommunication.Number", missing.name());
        assertEquals(
                "The CRM has no entity set ContactCommunication: set casegate.crm.contact-match to one it has,"
                        + " or install the CRM package that provides it.",
                english(missing));
        assertEquals(
                "missing in the CRM: ContactCommunication.Number (change casegate.crm.contact-match)", check.summary());
    }

    @Test
    void aMissingColumnIsNamedWithItsKey() {
        MappingCheck check = verify(
                MappingRequirement.column("Account", "Name", "casegate.crm.account-name-column"),
                MappingRequirement.column("Account", "INN", "casegate.crm.account-inn-column"));

        assertEquals(MappingCheck.State.INVALID, check.state());
        assertEquals(1, check.missing().size(), check.summary());
        RequirementCheck missing = check.missing().get(0);
        assertEquals(Finding.NO_COLUMN, missing.finding());
        assertEquals("Account.INN", missing.name());
        assertEquals(
                "The CRM's Account has no column INN: set casegate.crm.account-inn-column to a column it has,"
                        + " or add the column in the CRM.",
                english(missing));
    }

    @Test
    void aMissingLookupRecordIsNamedWithItsIdAndKey() {
        MappingCheck check =
                verify(MappingRequirement.record("CaseOrigin", UNKNOWN_ORIGIN, "casegate.crm.case-origin-id"));

        assertEquals(MappingCheck.State.INVALID, check.state());
        RequirementCheck missing = check.missing().get(0);
        assertEquals(Finding.NO_RECORD, missing.finding());
        assertEquals("CaseOrigin(" + UNKNOWN_ORIGIN + ")", missing.name());
        assertEquals(
                "The CRM's lookup CaseOrigin has no record " + UNKNOWN_ORIGIN
                        + ": set casegate.crm.case-origin-id to the Id of an existing record, or add the record to the lookup.",
                english(missing));
        assertTrue(check.summary().contains("CaseOrigin(" + UNKNOWN_ORIGIN + ") (change casegate.crm.case-origin-id)"));
    }

    @Test
    void aRecordOfAMissingEntitySetIsNotReadAndARecordNamedTwiceIsReadOnce() {
        MappingCheck check = verify(
                MappingRequirement.record("CaseCategory", WEB_ORIGIN, "casegate.crm.case-category-id"),
                MappingRequirement.record("CaseOrigin", WEB_ORIGIN, "casegate.crm.case-origin-id"),
                MappingRequirement.record("CaseOrigin", WEB_ORIGIN, "casegate.crm.message-origin-id"));

        assertEquals(
                List.of(Finding.NO_ENTITY_SET, Finding.PRESENT, Finding.PRESENT),
                check.requirements().stream().map(RequirementCheck::finding).toList());
        assertEquals(List.of("CaseOrigin(" + WEB_ORIGIN + ")"), reads);
    }

    @Test
    void aRecordTheCrmRefusesToReadIsReportedWithTheCrmsReason() {
        MappingCheck check = MappingVerifier.verify(
                List.of(MappingRequirement.record("CaseOrigin", WEB_ORIGIN, "casegate.crm.case-origin-id")),
                metadata,
                (set, id) -> {
                    throw new CrmRejectedException(403, "check CaseOrigin failed with HTTP 403: Access denied");
                },
                NOW);

        assertEquals(MappingCheck.State.INVALID, check.state());
        RequirementCheck refused = check.missing().get(0);
        assertEquals(Finding.UNREADABLE, refused.finding());
        assertTrue(english(refused).contains("Access denied"), english(refused));
        assertTrue(english(refused).contains("casegate.crm.case-origin-id"), english(refused));
    }

    @Test
    void notCheckedListsEveryRequirementAsNotCheckedAndStopsNothing() {
        MappingCheck check = MappingVerifier.notChecked(
                List.of(MappingRequirement.column("Account", "INN", "casegate.crm.account-inn-column")),
                NOW,
                "The CRM could not be reached");

        assertEquals(MappingCheck.State.NOT_CHECKED, check.state());
        assertTrue(check.missing().isEmpty());
        assertEquals(Finding.NOT_CHECKED, check.requirements().get(0).finding());
        assertEquals("not checked yet: The CRM could not be reached", check.summary());
    }
}
