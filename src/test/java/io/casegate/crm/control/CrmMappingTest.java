package io.casegate.crm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.casegate.crm.entity.MappingRequirement;
import io.casegate.testing.MapConfig;

class CrmMappingTest {

    @Test
    void theDefaultsFitABaseCreatioWithCustomerService() {
        CrmMapping mapping = CrmMapping.from(MapConfig.of(Map.of()));

        assertEquals(Optional.empty(), mapping.accountInnColumn());
        assertEquals("ServiceItem", mapping.serviceEntitySet());
        assertEquals(Optional.of("ServiceItemId"), mapping.serviceCaseColumn());
        assertEquals(UUID.fromString("ee1c85c3-cfcb-df11-9b2a-001d60e938c6"), mapping.emailCommunicationType());
        assertTrue(mapping.phoneCommunicationTypes().contains(UUID.fromString("d4a2dc80-30ca-df11-9b2a-001d60e938c6")));
        assertEquals(Optional.of(UUID.fromString("e2831dec-cfc0-df11-b00f-001d60e938c6")), mapping.activityTypeId());
        assertEquals(
                Optional.of(UUID.fromString("7f9d1f86-f36b-1410-068c-20cf30b39373")), mapping.activityMessageTypeId());
        assertEquals(Optional.of(UUID.fromString("4bdbb88f-58e6-df11-971b-001d60e938c6")), mapping.activityStatusId());
        assertEquals(Optional.empty(), mapping.activityOwnerId(), "the CRM's default owner");
        assertEquals(Optional.empty(), mapping.caseOriginId(), "the CRM's CaseOriginDef");
        assertEquals("/0/rest/FileApiService/UploadFile", mapping.uploadPath());
    }

    @Test
    void theWordNoneSwitchesAnOptionalColumnOrIdOffWhereAnEmptyValueCannot() {
        CrmMapping mapping = CrmMapping.from(MapConfig.of(Map.of(
                "casegate.crm.account-inn-column", "INN",
                "casegate.crm.case-category-id", "NONE",
                "casegate.crm.activity.message-type-id", "none",
                "casegate.crm.service.case-column", "none")));

        assertEquals(Optional.of("INN"), mapping.accountInnColumn());
        assertEquals(Optional.empty(), mapping.caseCategoryId());
        assertEquals(Optional.empty(), mapping.activityMessageTypeId());
        assertEquals(Optional.empty(), mapping.serviceCaseColumn());
        assertTrue(mapping.requirements().stream()
                .noneMatch(requirement -> requirement.entitySet().equals("ServiceItem")));
        assertTrue(mapping.requirements()
                .contains(MappingRequirement.column("Account", "INN", CrmMapping.ACCOUNT_INN_COLUMN)));

        CrmMapping empty = CrmMapping.from(MapConfig.of(Map.of("casegate.crm.case-category-id", "")));
        assertEquals(
                Optional.of(UUID.fromString(CrmMapping.INCIDENT_CATEGORY)),
                empty.caseCategoryId(),
                "an empty value is missing: the default applies");
    }

    @Test
    void theRequirementsNameEverySetColumnAndIdWithTheKeyThatChangesIt() {
        CrmMapping mapping = CrmMapping.from(MapConfig.of(Map.of(
                "casegate.crm.case-priority-id", "d9bd322c-f46b-1410-ee8c-0050ba5d6c38",
                "casegate.crm.rename", "Case.Symptoms=UsrDescription; ContactCommunication=UsrCommunication")));

        assertTrue(mapping.requirements()
                .contains(MappingRequirement.record(
                        "CasePriority",
                        UUID.fromString("d9bd322c-f46b-1410-ee8c-0050ba5d6c38"),
                        CrmMapping.CASE_PRIORITY_ID)));
        assertTrue(mapping.requirements()
                .contains(MappingRequirement.column("Case", "PriorityId", CrmMapping.CASE_PRIORITY_ID)));
        assertTrue(mapping.requirements()
                .contains(MappingRequirement.column("Case", "UsrDescription", CrmMapping.RENAME)));
        assertTrue(
                mapping.requirements().contains(MappingRequirement.entitySet("UsrCommunication", CrmMapping.RENAME)));
        assertTrue(mapping.requirements()
                .contains(MappingRequirement.record(
                        "ActivityType",
                        UUID.fromString("e2831dec-cfc0-df11-b00f-001d60e938c6"),
                        CrmMapping.ACTIVITY_TYPE_ID)));
        assertFalse(mapping.requirements().stream()
                .anyMatch(requirement -> requirement.entitySet().equals("CaseMessageHistory")));
        assertEquals("UsrCommunication", mapping.communicationEntity());
    }

    @Test
    void aMistypedIdNamesItsKey() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> CrmMapping.from(MapConfig.of(Map.of("casegate.crm.case-status-id", "New"))));
        assertTrue(refused.getMessage().contains("casegate.crm.case-status-id"), refused.getMessage());
    }

    @Test
    void phonesAreOneNumberHoweverTheyAreWritten() {
        assertEquals("9165554433", PhoneDigits.national("+7 916 555-44-33"));
        assertEquals("9165554433", PhoneDigits.national("8 (916) 5554433"));
        assertEquals("9165554433", PhoneDigits.national("79165554433"));
        assertEquals("3344555619", PhoneDigits.reversed(PhoneDigits.national("+7 916 555-44-33")));
        assertEquals("", PhoneDigits.national(null));
    }
}
