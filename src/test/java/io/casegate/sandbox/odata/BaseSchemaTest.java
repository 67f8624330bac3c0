package io.casegate.sandbox.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import io.casegate.sandbox.http.CrmResponse;

/** The sandbox's schema is a base Creatio 8 service install's: what it holds and what it refuses. */
class BaseSchemaTest {

    private static final String EMAIL = "ee1c85c3-cfcb-df11-9b2a-001d60e938c6";
    private static final String MOBILE = "d4a2dc80-30ca-df11-9b2a-001d60e938c6";
    private static final String BUSINESS = "3dddb3cc-53ee-49c4-a71f-e9e257f59e49";

    private final ODataHarness sandbox = new ODataHarness();

    @Test
    void accountHasNoInnColumnAndAnUnknownColumnIsRefusedAsCreatioRefusesIt() {
        CrmResponse refused = sandbox.call("POST", "Account", "{\"Name\":\"ООО Тест\",\"INN\":\"7707083893\"}");
        assertEquals(400, refused.status());
        assertEquals(
                "The property 'INN' does not exist on type 'Terrasoft.Configuration.Account'. Make sure to only use"
                        + " property names that are defined by the type or mark the type as open type.",
                sandbox.reason(refused));
        assertTrue(sandbox.list("Account?$filter=Name eq 'ООО Тест'").isEmpty(), "nothing is stored");

        String id = sandbox.create("Account", "{\"Name\":\"ООО Тест\"}").getString("Id");
        CrmResponse patch = sandbox.call("PATCH", "Account(" + id + ")", "{\"INN\":\"7707083893\"}");
        assertEquals(400, patch.status());
        assertTrue(sandbox.reason(patch).startsWith("The property 'INN' does not exist"));
        assertFalse(sandbox.read("Account", id).containsKey("INN"));
        assertEquals(
                400, sandbox.call("GET", "Account?$filter=INN eq '1'", null).status());
    }

    @Test
    void aConfiguredCustomInnColumnIsAnOrdinaryTextColumn() {
        ODataHarness custom = new ODataHarness(Optional.of("UsrINN"), false);
        String id = custom.create("Account", "{\"Name\":\"ООО Тест\",\"UsrINN\":\"7707083893\"}")
                .getString("Id");
        assertEquals("7707083893", custom.read("Account", id).getString("UsrINN"));
        assertEquals(1, custom.list("Account?$filter=UsrINN eq '7707083893'").size());
        assertEquals(400, custom.call("POST", "Account", "{\"INN\":\"1\"}").status());
        assertTrue(custom.call("GET", "$metadata", null)
                .bodyText()
                .contains("<Property Name=\"UsrINN\" Type=\"Edm.String\""));
        assertThrows(IllegalArgumentException.class, () -> new Schema(Optional.of("Name")));
        assertThrows(IllegalArgumentException.class, () -> new Schema(Optional.of("Usr INN")));
    }

    @Test
    void creatingAContactCreatesItsCommunicationRows() {
        JsonObject contact = sandbox.create(
                "Contact",
                "{\"Name\":\"Щукин Пётр\",\"Email\":\"Petr.Shchukin@Example.ru\",\"MobilePhone\":\"+7 916 555-44-33\","
                        + "\"Phone\":\"8 (495) 123-45-67\"}");
        String id = contact.getString("Id");
        JsonArray rows = sandbox.list("ContactCommunication?$filter=Contact/Id eq " + id + "&$orderby=Number");
        assertEquals(3, rows.size(), rows.toString());
        JsonObject email = row(rows, EMAIL);
        assertEquals("Petr.Shchukin@Example.ru", email.getString("Number"));
        assertEquals("petr.shchukin@example.ru", email.getString("SearchNumber"));
        assertTrue(email.getBoolean("Primary"));
        assertTrue(email.getBoolean("IsCreatedBySynchronization"));
        JsonObject mobile = row(rows, MOBILE);
        assertEquals("+7 916 555-44-33", mobile.getString("Number"), "stored as typed");
        assertEquals("33445556197", mobile.getString("SearchNumber"), "digits in reverse order");
        assertEquals("76543215948", row(rows, BUSINESS).getString("SearchNumber"));
        assertEquals(id, mobile.getString("ContactId"));
    }

    @Test
    void aPhoneWrittenAnotherWayIsFoundThroughSearchNumber() {
        String id = sandbox.create("Contact", "{\"Name\":\"Анна\",\"MobilePhone\":\"8 (916) 5554433\"}")
                .getString("Id");
        String reversed =
                new StringBuilder("79165554433".substring(1)).reverse().toString();
        JsonArray found = sandbox.list("ContactCommunication?$filter=startswith(SearchNumber,'" + reversed + "')");
        assertEquals(1, found.size());
        assertEquals(id, found.getJsonObject(0).getString("ContactId"));
    }

    @Test
    void changingAndClearingContactColumnsUpdatesAndRemovesTheirRows() {
        String id = sandbox.create("Contact", "{\"Name\":\"Анна\",\"Email\":\"a@example.ru\",\"MobilePhone\":\"111\"}")
                .getString("Id");
        sandbox.patch("Contact", id, "{\"Email\":\"anna@example.ru\",\"MobilePhone\":\"\",\"Phone\":\"222-33\"}");
        JsonArray rows = sandbox.list("ContactCommunication?$filter=Contact/Id eq " + id);
        assertEquals(2, rows.size(), rows.toString());
        assertEquals("anna@example.ru", row(rows, EMAIL).getString("Number"));
        assertEquals("33222", row(rows, BUSINESS).getString("SearchNumber"));
    }

    @Test
    void aSecondEmailIsAnotherRowAndTheFirstStaysPrimary() {
        String id = sandbox.create("Contact", "{\"Name\":\"Анна\",\"Email\":\"a@example.ru\"}")
                .getString("Id");
        JsonObject second = sandbox.create(
                "ContactCommunication",
                "{\"ContactId\":\"" + id + "\",\"CommunicationTypeId\":\"" + EMAIL + "\",\"Number\":\"Anna@Work.ru\"}");
        assertFalse(second.getBoolean("Primary"));
        assertEquals("anna@work.ru", second.getString("SearchNumber"));
        assertEquals("a@example.ru", sandbox.read("Contact", id).getString("Email"));
        assertEquals(
                id,
                sandbox.list("ContactCommunication?$filter=Number eq 'Anna@Work.ru'")
                        .getJsonObject(0)
                        .getString("ContactId"));

        sandbox.delete(
                "ContactCommunication",
                row(sandbox.list("ContactCommunication?$filter=Number eq 'a@example.ru'"), EMAIL)
                        .getString("Id"));
        assertEquals("Anna@Work.ru", sandbox.read("Contact", id).getString("Email"), "the next row takes over");
    }

    @Test
    void aFirstRowOfItsTypeBecomesPrimaryAndFillsTheContactColumn() {
        String id = sandbox.create("Contact", "{\"Name\":\"Анна\"}").getString("Id");
        JsonObject row = sandbox.create(
                "ContactCommunication",
                "{\"ContactId\":\"" + id + "\",\"CommunicationTypeId\":\"" + MOBILE + "\",\"Number\":\"+7 (916) 1\"}");
        assertTrue(row.getBoolean("Primary"));
        assertEquals("16197", row.getString("SearchNumber"));
        assertEquals("+7 (916) 1", sandbox.read("Contact", id).getString("MobilePhone"));
    }

    @Test
    void deletingAContactDeletesItsRowsButNotWhenItIsStillReferenced() {
        String id = sandbox.create("Contact", "{\"Name\":\"Анна\",\"Email\":\"a@example.ru\"}")
                .getString("Id");
        String caseId = sandbox.create("Case", "{\"Subject\":\"s\",\"ContactId\":\"" + id + "\"}")
                .getString("Id");
        CrmResponse refused = sandbox.call("DELETE", "Contact(" + id + ")", null);
        assertEquals(500, refused.status());
        assertEquals(
                1,
                sandbox.list("ContactCommunication?$filter=Contact/Id eq " + id).size(),
                "nothing lost");

        sandbox.delete("Case", caseId);
        sandbox.delete("Contact", id);
        assertTrue(
                sandbox.list("ContactCommunication?$filter=Contact/Id eq " + id).isEmpty());
    }

    @Test
    void communicationTypesAreReadableById() {
        assertEquals("Email", sandbox.read("CommunicationType", EMAIL).getString("Name"));
        assertEquals(
                "Мобильный телефон", sandbox.read("CommunicationType", MOBILE).getString("Name"));
        assertEquals(
                "Рабочий телефон", sandbox.read("CommunicationType", BUSINESS).getString("Name"));
    }

    @Test
    void functionsCreatioIsNotKnownToTranslateAreRefused() {
        sandbox.create("Contact", "{\"Name\":\"Щукин Пётр\"}");
        CrmResponse tolower = sandbox.call("GET", "Contact?$filter=tolower(Name) eq 'щукин пётр'", null);
        assertEquals(400, tolower.status());
        assertEquals(
                "The query specified in the URI is not valid. Function 'tolower' is not allowed. To allow it, set the"
                        + " 'AllowedFunctions' property on EnableQueryAttribute or QueryValidationSettings.",
                sandbox.reason(tolower));
        for (String refused : List.of("toupper(Name) eq 'A'", "length(Name) eq 3", "trim(Name) eq 'a'")) {
            assertEquals(
                    400, sandbox.call("GET", "Contact?$filter=" + refused, null).status(), refused);
        }
        CrmResponse substringof = sandbox.call("GET", "Contact?$filter=substringof('Щукин',Name)", null);
        assertEquals(400, substringof.status());
        assertTrue(sandbox.reason(substringof).contains("An unknown function with name 'substringof' was found."));
        assertEquals(
                1,
                sandbox.list("Contact?$filter=contains(Name,'Пётр') and startswith(Name,'Щукин')")
                        .size());
    }

    @Test
    void stringEqIsCaseSensitiveUnlessTheSandboxPlaysAnMsSqlInstall() {
        sandbox.create("Contact", "{\"Name\":\"Анна\",\"Email\":\"Anna@Example.ru\"}");
        assertTrue(sandbox.list("Contact?$filter=Email eq 'anna@example.ru'").isEmpty());
        assertEquals(
                1, sandbox.list("Contact?$filter=Email eq 'Anna@Example.ru'").size());

        ODataHarness mssql = new ODataHarness(Optional.empty(), true);
        mssql.create("Contact", "{\"Name\":\"Анна\",\"Email\":\"Anna@Example.ru\"}");
        assertEquals(1, mssql.list("Contact?$filter=Email eq 'anna@example.ru'").size());
        assertEquals(1, mssql.list("Contact?$filter=contains(Email,'EXAMPLE')").size());
    }

    private static JsonObject row(JsonArray rows, String typeId) {
        return rows.stream()
                .map(JsonObject.class::cast)
                .filter(row -> row.getString("CommunicationTypeId").equals(typeId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row of type " + typeId + " in " + rows));
    }
}
