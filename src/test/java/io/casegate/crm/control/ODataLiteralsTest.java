package io.casegate.crm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ODataLiteralsTest {

    @Test
    void doublesEmbeddedQuotes() {
        assertEquals("'O''Brien'", ODataLiterals.string("O'Brien"));
        assertEquals("''''''", ODataLiterals.string("''"));
    }

    @Test
    void filterValueIsPercentEncodedAsUtf8AfterEscaping() {
        String filter = "Name eq " + ODataLiterals.string("O'Брайен & Co #1+2");
        assertEquals(
                "Name%20eq%20%27O%27%27%D0%91%D1%80%D0%B0%D0%B9%D0%B5%D0%BD%20%26%20Co%20%231%2B2%27",
                CrmTransport.encode(filter));
    }

    @Test
    void queryIsBuiltOnTheCrmRootWithEncodedValues() {
        CrmTransport transport = new CrmTransport(null, null) {
            @Override
            public URI crmUrl() {
                return java.net.URI.create("http://127.0.0.1:8080/sandbox");
            }
        };
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", "tolower(Email) eq 'a''b@x.ru'");
        query.put("$top", "1");
        assertEquals(
                "http://127.0.0.1:8080/sandbox/0/odata/Contact?$filter=tolower%28Email%29%20eq%20%27a%27%27b%40x.ru%27&$top=1",
                transport.uri("/0/odata/Contact", query).toString());
    }

    @Test
    void datesAreUtcWithZ() {
        assertEquals(
                "2026-03-01T09:05:07.1230000Z", ODataLiterals.dateTime(Instant.parse("2026-03-01T12:05:07.123+03:00")));
    }

    @Test
    void emptyLookupMeansNone() {
        assertNull(ODataLiterals.lookup("00000000-0000-0000-0000-000000000000"));
        assertNull(ODataLiterals.lookup(""));
        UUID id = UUID.randomUUID();
        assertEquals(id, ODataLiterals.lookup(id.toString().toUpperCase()));
    }
}
