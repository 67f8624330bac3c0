package io.casegate.health.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.casegate.crm.entity.MappingCheck;
import io.casegate.crm.entity.MappingRequirement;
import io.casegate.crm.entity.RequirementCheck;
import io.casegate.crm.entity.RequirementCheck.Finding;

/** The readiness check crm-mapping (DOWN exactly when the check is invalid): DOWN only for a mapping the CRM answered does not fit, saying what to change. */
class MappingReadinessTest {

    static final Instant AT = Instant.parse("2026-12-01T14:00:00Z");
    static final UUID ORIGIN = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");

    @Test
    void anInvalidMappingIsDownNamingWhatIsMissingAndTheKeyToChange() {
        MappingCheck invalid = new MappingCheck(
                MappingCheck.State.INVALID,
                AT,
                List.of(
                        new RequirementCheck(
                                MappingRequirement.column("Account", "Name", "casegate.crm.account-name-column"),
                                Finding.PRESENT,
                                ""),
                        new RequirementCheck(
                                MappingRequirement.column("Account", "INN", "casegate.crm.account-inn-column"),
                                Finding.NO_COLUMN,
                                ""),
                        new RequirementCheck(
                                MappingRequirement.record("CaseOrigin", ORIGIN, "casegate.crm.case-origin-id"),
                                Finding.NO_RECORD,
                                "")),
                "");

        assertTrue(invalid.invalid(), "DOWN");
        Map<String, String> data = MappingReadiness.data(invalid);
        assertEquals("invalid", data.get("state"));
        assertEquals(AT.toString(), data.get("checkedAt"));
        assertEquals(
                "The CRM's Account has no column INN: set casegate.crm.account-inn-column to a column it has,"
                        + " or add the column in the CRM.",
                data.get("Account.INN"));
        assertEquals(
                "The CRM's lookup CaseOrigin has no record " + ORIGIN
                        + ": set casegate.crm.case-origin-id to the Id of an existing record, or add the record to the lookup.",
                data.get("CaseOrigin(" + ORIGIN + ")"));
        assertEquals(null, data.get("Account.Name"), "only what is missing");
    }

    @Test
    void aMappingNotCheckedYetIsUpAndSaysWhy() {
        MappingCheck notChecked =
                new MappingCheck(MappingCheck.State.NOT_CHECKED, AT, List.of(), "The CRM could not be reached");

        assertFalse(notChecked.invalid(), "UP");
        Map<String, String> data = MappingReadiness.data(notChecked);
        assertEquals("not checked yet", data.get("state"));
        assertEquals("The CRM could not be reached", data.get("problem"));
    }

    @Test
    void aValidMappingIsUp() {
        MappingCheck valid = new MappingCheck(MappingCheck.State.VALID, AT, List.of(), "");

        assertFalse(valid.invalid(), "UP");
        assertEquals(Map.of("state", "valid", "checkedAt", AT.toString()), MappingReadiness.data(valid));
    }
}
