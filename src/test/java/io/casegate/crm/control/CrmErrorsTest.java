package io.casegate.crm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.casegate.crm.entity.CrmException;
import io.casegate.crm.entity.CrmRejectedException;
import io.casegate.crm.entity.CrmRejectedException.Problem;

/**
 * Each class of CRM error, as Creatio reports it (the database's message nested in the OData
 * envelope of an HTTP 500, ASP.NET OData's messages for the model), and what a delivery does with it.
 */
class CrmErrorsTest {

    private static CrmException classify(int status, String internalMessage) {
        String body = "{\"error\":{\"code\":\"\",\"message\":\"An error has occurred.\",\"innererror\":"
                + "{\"message\":\"outer\",\"type\":\"\",\"internalexception\":{\"message\":"
                + jsonString(internalMessage) + ",\"type\":\"\"}}}}";
        return CrmErrors.classify(
                "create case",
                status,
                CrmClient.reason(new CrmTransport.Exchange(status, "application/json", Map.of(), body, 1)));
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Problem rejected(CrmException failure) {
        assertFalse(failure.isRetryable(), failure.getMessage());
        return assertInstanceOf(CrmRejectedException.class, failure).problem();
    }

    @Test
    void aForeignKeyViolationOnMsSqlOrPostgresIsNotRetried() {
        assertEquals(
                Problem.CONSTRAINT,
                rejected(
                        classify(
                                500,
                                "The INSERT statement conflicted with the FOREIGN KEY constraint \"FKCaseOrigin\"."
                                        + " The conflict occurred in database \"crm\", table \"dbo.CaseOrigin\", column 'Id'.")));
        assertEquals(
                Problem.CONSTRAINT,
                rejected(
                        classify(
                                500,
                                "23503: insert or update on table \"Case\" violates foreign key constraint \"FKCaseCategory\"")));
    }

    @Test
    void aRequiredColumnOrAUniqueColumnIsNotRetried() {
        assertEquals(
                Problem.CONSTRAINT,
                rejected(classify(500, "Cannot insert the value NULL into column 'Subject', table 'dbo.Case'")));
        assertEquals(
                Problem.CONSTRAINT,
                rejected(classify(500, "23505: duplicate key value violates unique constraint \"IUAccountINN\"")));
    }

    @Test
    void anUnknownColumnOrEntitySetIsAMappingProblem() {
        assertEquals(
                Problem.MAPPING,
                rejected(classify(
                        400,
                        "The property 'INN' does not exist on type 'Terrasoft.Configuration.Account'."
                                + " Make sure to only use property names that are defined by the type.")));
        assertEquals(
                Problem.MAPPING, rejected(classify(404, "Resource not found for the segment 'UsrCommercialService'.")));
    }

    @Test
    void aValueTheColumnCannotHoldIsThisRecordsOwnProblem() {
        assertEquals(
                Problem.DATA, rejected(classify(500, "String or binary data would be truncated in column 'Subject'")));
        assertEquals(Problem.DATA, rejected(classify(400, "The request is invalid.")));
    }

    @Test
    void aDuplicateIdMeansAnEarlierAttemptWasCommittedAndIsTriedOnceMore() {
        assertTrue(classify(
                        500,
                        "Violation of PRIMARY KEY constraint 'PKCase'. Cannot insert duplicate key in object 'dbo.Case'.")
                .isRetryable());
        assertTrue(classify(500, "23505: duplicate key value violates unique constraint \"PKContact\"")
                .isRetryable());
    }

    @Test
    void serverErrorsWithoutAPermanentReasonAndOverloadAreRetried() {
        assertTrue(classify(500, "Transaction (Process ID 64) was deadlocked on lock resources")
                .isRetryable());
        assertTrue(classify(503, "Service Unavailable").isRetryable());
        assertTrue(classify(429, "Too many requests").isRetryable());
        assertTrue(classify(504, "").isRetryable());
    }
}
