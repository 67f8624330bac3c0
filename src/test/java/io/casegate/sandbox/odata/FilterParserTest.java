package io.casegate.sandbox.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.casegate.sandbox.http.SandboxException;
import io.casegate.sandbox.odata.FilterExpression.Comparison;
import io.casegate.sandbox.odata.FilterExpression.Literal;
import io.casegate.sandbox.odata.FilterExpression.Property;

class FilterParserTest {

    private static final UUID CONTACT = UUID.fromString("ae5f2f10-f46b-1410-fd9a-0050ba5d6c38");

    private final Map<String, Object> record = new HashMap<>(Map.of(
            "Name",
            "Patrick O'Brien",
            "Surname",
            "Щукин",
            "Contact/Id",
            CONTACT,
            "Account/Name",
            "ООО «Ромашка»",
            "CreatedOn",
            Instant.parse("2026-03-01T10:00:00Z"),
            "Size",
            1500L,
            "Confirmed",
            true));

    private boolean matches(String filter) {
        return FilterEvaluator.matches(FilterParser.parse(filter), path -> record.get(String.join("/", path)));
    }

    @Test
    void doubledQuoteInAStringLiteralIsOneQuote() {
        FilterExpression parsed = FilterParser.parse("Name eq 'Patrick O''Brien'");
        assertEquals(new Comparison("eq", new Property(List.of("Name")), new Literal("Patrick O'Brien")), parsed);
        assertTrue(matches("Name eq 'Patrick O''Brien'"));
        assertFalse(matches("Name eq 'Patrick O'"));
    }

    @Test
    void cyrillicLiteralsAndStringFunctions() {
        assertTrue(matches("Surname eq 'Щукин'"));
        assertTrue(matches("contains(Account/Name,'Ромашка')"));
        assertTrue(matches("startswith(Name,'Pat') and endswith(Name,'Brien')"));
        assertFalse(matches("contains(Name,'patrick')"));
        assertTrue(FilterEvaluator.matches(
                FilterParser.parse("contains(Name,'patrick')"), path -> record.get(String.join("/", path)), true));
    }

    @Test
    void functionsNotConfirmedForCreatioAreBadRequests() {
        for (String refused : new String[] {
            "tolower(Surname) eq 'щукин'", "toupper(Name) eq 'A'", "length(Name) eq 1", "substringof('a',Name)"
        }) {
            SandboxException error = assertThrows(SandboxException.class, () -> FilterParser.parse(refused), refused);
            assertEquals(400, error.status(), refused);
        }
    }

    @Test
    void bareGuidsAndNavigationPaths() {
        assertEquals(
                new Comparison("eq", new Property(List.of("Contact", "Id")), new Literal(CONTACT)),
                FilterParser.parse("Contact/Id eq ae5f2f10-f46b-1410-fd9a-0050ba5d6c38"));
        assertTrue(matches("Contact/Id eq AE5F2F10-F46B-1410-FD9A-0050BA5D6C38"));
        assertTrue(matches("Contact/Id eq guid'ae5f2f10-f46b-1410-fd9a-0050ba5d6c38'"));
        assertFalse(matches("Contact/Id ne ae5f2f10-f46b-1410-fd9a-0050ba5d6c38"));
    }

    @Test
    void unquotedDateTimeLiteralsCompareAsInstants() {
        assertEquals(
                new Literal(Instant.parse("2026-01-01T00:00:00Z")),
                ((Comparison) FilterParser.parse("CreatedOn gt 2026-01-01T00:00:00Z")).right());
        assertTrue(matches("CreatedOn gt 2026-01-01T00:00:00Z and CreatedOn lt 2026-03-01T13:00:01+03:00"));
        assertTrue(matches("CreatedOn ge 2026-03-01T10:00:00.0000000Z and CreatedOn le 2026-03-02"));
        assertFalse(matches("CreatedOn lt 2026-03-01T10:00:00Z"));
    }

    @Test
    void numbersBooleansAndNull() {
        assertEquals(new Literal(new BigDecimal("1500")), ((Comparison) FilterParser.parse("Size eq 1500")).right());
        assertTrue(matches("Size gt 1000 and Size le 1500"));
        assertTrue(matches("Confirmed eq true and not (Confirmed eq false)"));
        assertTrue(matches("Missing eq null"));
        assertFalse(matches("Name eq null"));
        assertTrue(matches("Name ne null"));
        assertFalse(matches("Missing gt 5"));
    }

    @Test
    void precedenceAndParentheses() {
        assertTrue(matches("Size eq 1 or Size eq 1500 and Confirmed eq true"));
        assertFalse(matches("(Size eq 1 or Size eq 1500) and Confirmed eq false"));
        assertTrue(matches("not contains(Name,'x') and (Surname eq 'a' or Surname eq 'Щукин')"));
        assertTrue(matches("((Size eq 1500))"));
    }

    @Test
    void malformedFiltersAreBadRequests() {
        for (String bad : new String[] {
            "Name eq",
            "Name eq 'unterminated",
            "(Name eq 'a'",
            "Name eq 'a')",
            "Name eqq 'a'",
            "frobnicate(Name)",
            "contains(Name)",
            "",
            "Name eq 'a' and",
            "CreatedOn gt 2026-13-45T00:00:00Z"
        }) {
            SandboxException error = assertThrows(SandboxException.class, () -> FilterParser.parse(bad), bad);
            assertEquals(400, error.status(), bad);
        }
    }

    @Test
    void comparingIncompatibleValuesIsABadRequest() {
        SandboxException error = assertThrows(SandboxException.class, () -> matches("CreatedOn gt 'yesterday'"));
        assertEquals(400, error.status());
    }
}
