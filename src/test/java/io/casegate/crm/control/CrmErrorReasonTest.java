package io.casegate.crm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class CrmErrorReasonTest {

    private static CrmTransport.Exchange answer(int status, String contentType, String body) {
        return new CrmTransport.Exchange(status, contentType, Map.of(), body, 1);
    }

    @Test
    void takesTheInternalExceptionFirst() {
        String body = """
                {"error":{"code":"","message":"An error has occurred.","innererror":{"message":"outer","type":"",
                "internalexception":{"message":"Column INN not found","type":""}}}}""";
        assertEquals("Column INN not found", CrmClient.reason(answer(500, "application/json", body)));
    }

    @Test
    void fallsBackToInnerThenOuterMessage() {
        assertEquals(
                "outer",
                CrmClient.reason(answer(
                        400,
                        "application/json",
                        "{\"error\":{\"message\":\"top\",\"innererror\":{\"message\":\"outer\"}}}")));
        assertEquals(
                "The request is invalid.",
                CrmClient.reason(answer(
                        400,
                        "application/json",
                        "{\"error\":{\"code\":\"\",\"message\":\"The request is invalid.\"}}")));
    }

    @Test
    void readsTheFileServiceEnvelopeAndPlainBodies() {
        assertEquals(
                "too big",
                CrmClient.reason(answer(
                        200,
                        "application/json",
                        "{\"success\":false,\"errorInfo\":{\"errorCode\":\"X\",\"message\":\"too big\"}}")));
        assertEquals("an HTML page", CrmClient.reason(answer(500, "text/html", "<html>login</html>")));
        assertEquals("no details", CrmClient.reason(answer(500, null, "")));
    }
}
