package io.casegate.sandbox.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import io.casegate.sandbox.http.CrmResponse;

/** Columns a client leaves out get Creatio's defaults; lookups a client references exist and are checked. */
class CreatioDefaultsTest {

    private static final String SUPERVISOR = "410006e1-ca4e-4502-a9ec-e54d922d2c00";
    private static final String ZERO = "00000000-0000-0000-0000-000000000000";

    private final ODataHarness sandbox = new ODataHarness();

    @Test
    void anActivityWithOnlyATitleIsAnOpenTaskOfTheIntegrationUser() {
        String caseId =
                sandbox.create("Case", "{\"Subject\":\"Не печатает чек\"}").getString("Id");
        JsonObject activity = sandbox.create(
                "Activity", "{\"Title\":\"Сообщение\",\"Body\":\"Текст\",\"CaseId\":\"" + caseId + "\"}");
        assertEquals("fbe0acdc-cfc0-df11-b00f-001d60e938c6", activity.getString("TypeId"), "Task");
        assertEquals("384d4b84-58e6-df11-971b-001d60e938c6", activity.getString("StatusId"), "Not started");
        assertEquals("f51c4643-58e6-df11-971b-001d60e938c6", activity.getString("ActivityCategoryId"), "To do");
        assertEquals("ab96fa02-7fe6-df11-971b-001d60e938c6", activity.getString("PriorityId"));
        assertEquals(SUPERVISOR, activity.getString("OwnerId"));
        assertEquals(SUPERVISOR, activity.getString("AuthorId"));
        assertEquals(ZERO, activity.getString("MessageTypeId"), "no default direction");
        assertEquals(activity.getString("CreatedOn"), activity.getString("StartDate"));
        assertEquals(
                "Задача",
                sandbox.read("ActivityType", activity.getString("TypeId")).getString("Name"));
    }

    @Test
    void anIncomingEmailKeepsWhatTheClientSays() {
        JsonObject activity = sandbox.create(
                "Activity",
                "{\"Title\":\"Письмо\",\"TypeId\":\"e2831dec-cfc0-df11-b00f-001d60e938c6\","
                        + "\"ActivityCategoryId\":\"8038a396-7825-e011-8165-00155d043204\","
                        + "\"MessageTypeId\":\"7f9d1f86-f36b-1410-068c-20cf30b39373\","
                        + "\"StatusId\":\"4bdbb88f-58e6-df11-971b-001d60e938c6\"}");
        assertEquals("e2831dec-cfc0-df11-b00f-001d60e938c6", activity.getString("TypeId"));
        assertEquals("7f9d1f86-f36b-1410-068c-20cf30b39373", activity.getString("MessageTypeId"));
        assertEquals("4bdbb88f-58e6-df11-971b-001d60e938c6", activity.getString("StatusId"));
        assertEquals(
                "Входящее",
                sandbox.list("Activity?$filter=Id eq " + activity.getString("Id") + "&$expand=MessageType")
                        .getJsonObject(0)
                        .getJsonObject("MessageType")
                        .getString("Name"));
    }

    @Test
    void theLookupsAClientReferencesAreReadableById() {
        Map<String, String> lookups = Map.ofEntries(
                Map.entry("ActivityType", "e2831dec-cfc0-df11-b00f-001d60e938c6"),
                Map.entry("ActivityStatus", "384d4b84-58e6-df11-971b-001d60e938c6"),
                Map.entry("ActivityCategory", "8038a396-7825-e011-8165-00155d043204"),
                Map.entry("EmailType", "7f6d3f94-f36b-1410-068c-20cf30b39373"),
                Map.entry("MessageNotifier", "d6650c53-bbe4-4ac2-9df8-a1fd23938e83"),
                Map.entry("CaseOrigin", "7f9e1f1e-f46b-1410-3492-0050ba5d6c38"),
                Map.entry("CaseCategory", "1b0bc159-150a-e111-a31b-00155d04c01d"),
                Map.entry("CasePriority", "de87256f-7baa-412d-8fbd-0f0be875927c"),
                Map.entry("CaseStatus", "ae5f2f10-f46b-1410-fd9a-0050ba5d6c38"),
                Map.entry("CommunicationType", "ee1c85c3-cfcb-df11-9b2a-001d60e938c6"),
                Map.entry("ServiceItem", "2bca0b1d-bbd6-432b-b679-f40c2bbef6c8"));
        lookups.forEach((set, id) -> {
            JsonObject row = sandbox.read(set, id);
            assertEquals(id, row.getString("Id"), set);
            assertTrue(!row.getString("Name").isEmpty(), set);
        });
        assertEquals(
                404,
                sandbox.call("GET", "ActivityType(" + ZERO.replace('0', '1') + ")", null)
                        .status());
    }

    @Test
    void aLookupIdThatDoesNotExistIsRefusedAsAForeignKeyViolation() {
        String missing = "11111111-2222-3333-4444-555555555555";
        CrmResponse refused = sandbox.call("POST", "Activity", "{\"Title\":\"x\",\"TypeId\":\"" + missing + "\"}");
        assertEquals(500, refused.status());
        assertTrue(sandbox.reason(refused)
                .startsWith("23503: insert or update on table \"Activity\" violates foreign" + " key constraint"));
        assertTrue(sandbox.reason(refused).contains("is not present in table \"ActivityType\""));
        assertTrue(sandbox.list("Activity?$filter=Title eq 'x'").isEmpty());

        String caseId = sandbox.create("Case", "{\"Subject\":\"s\"}").getString("Id");
        CrmResponse notifier = sandbox.call(
                "POST",
                "CaseMessageHistory",
                "{\"CaseId\":\"" + caseId + "\",\"Message\":\"m\",\"MessageNotifierId\":\"" + missing + "\"}");
        assertEquals(500, notifier.status());
        assertEquals(
                500,
                sandbox.call("POST", "Case", "{\"Subject\":\"s\",\"OriginId\":\"" + missing + "\"}")
                        .status());
    }

    @Test
    void aCaseMessageWithoutANotifierHasNone() {
        String caseId = sandbox.create("Case", "{\"Subject\":\"s\"}").getString("Id");
        JsonObject message =
                sandbox.create("CaseMessageHistory", "{\"CaseId\":\"" + caseId + "\",\"Message\":\"Текст\"}");
        assertEquals(ZERO, message.getString("MessageNotifierId"), "BaseMessageHistory has no default notifier");
    }

    @Test
    void aCaseGetsTheDefaultsOfCreatiosSystemSettings() {
        JsonObject created = sandbox.create("Case", "{\"Subject\":\"s\"}");
        assertEquals("ae5f2f10-f46b-1410-fd9a-0050ba5d6c38", created.getString("StatusId"));
        assertEquals("de87256f-7baa-412d-8fbd-0f0be875927c", created.getString("PriorityId"));
        assertEquals("ea71fe35-d1ca-4d8e-ac83-db4bc6a13d4e", created.getString("OriginId"));
        assertTrue(created.getString("Number").matches("SR\\d{8}"));
    }
}
