package io.casegate.sandbox.odata;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.casegate.sandbox.http.SandboxException;
import io.casegate.sandbox.odata.FilterExpression.Call;
import io.casegate.sandbox.odata.FilterExpression.Comparison;
import io.casegate.sandbox.odata.FilterExpression.Literal;
import io.casegate.sandbox.odata.FilterExpression.Logical;
import io.casegate.sandbox.odata.FilterExpression.Not;
import io.casegate.sandbox.odata.FilterExpression.Property;

/**
 * A recursive-descent parser for the part of OData 4 {@code $filter} that Creatio clients use:
 * <pre>
 * or      := and ("or" and)*
 * and     := unary ("and" unary)*
 * unary   := "not" unary | compare
 * compare := primary (("eq"|"ne"|"gt"|"ge"|"lt"|"le") primary)?
 * primary := "(" or ")" | literal | function "(" [or ("," or)*] ")" | path
 * </pre>
 * Functions: contains, startswith, endswith; the other OData 4 functions are refused (see
 * {@link #UNCONFIRMED_FUNCTIONS}), and so is OData 3's substringof, which OData 4 does not know.
 * Literals: 'strings' with '' for a quote, bare GUIDs, unquoted date-times with a zone (and dates),
 * numbers, true, false, null, and OData 3's guid'…' and datetime'…' for old clients.
 */
final class FilterParser {

    /** The functions that Creatio's documentation and public clients show working. */
    static final Set<String> FUNCTIONS = Set.of("contains", "startswith", "endswith");
    /**
     * The rest of OData 4's built-in functions: Creatio's parser (Microsoft.OData.Core) knows them, but
     * nothing shows that Creatio translates them into its queries, so the sandbox refuses them as an
     * ASP.NET OData service refuses a function it does not allow.
     */
    static final Set<String> UNCONFIRMED_FUNCTIONS = Set.of(
            "tolower",
            "toupper",
            "trim",
            "length",
            "indexof",
            "substring",
            "concat",
            "matchespattern",
            "year",
            "month",
            "day",
            "hour",
            "minute",
            "second",
            "fractionalseconds",
            "totalseconds",
            "date",
            "time",
            "totaloffsetminutes",
            "now",
            "mindatetime",
            "maxdatetime",
            "round",
            "floor",
            "ceiling",
            "isof",
            "cast",
            "geo.distance",
            "geo.intersects",
            "geo.length");

    private static final Set<String> COMPARISONS = Set.of("eq", "ne", "gt", "ge", "lt", "le");
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9A-Za-z_])");
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?)?(?![0-9A-Za-z_.:])");
    private static final Pattern NUMBER =
            Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?[mMdDfFlL]?(?![0-9A-Za-z_])");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_]*");

    private final String text;
    private int position;

    private FilterParser(String text) {
        this.text = text;
    }

    static FilterExpression parse(String filter) {
        if (filter == null || filter.isBlank()) {
            throw invalid("The $filter is empty.");
        }
        FilterParser parser = new FilterParser(filter);
        FilterExpression expression = parser.or();
        parser.skipSpaces();
        if (parser.position < filter.length()) {
            throw parser.unexpected();
        }
        return expression;
    }

    private FilterExpression or() {
        FilterExpression left = and();
        while (keyword("or")) {
            left = new Logical("or", left, and());
        }
        return left;
    }

    private FilterExpression and() {
        FilterExpression left = unary();
        while (keyword("and")) {
            left = new Logical("and", left, unary());
        }
        return left;
    }

    private FilterExpression unary() {
        if (keyword("not")) {
            return new Not(unary());
        }
        return compare();
    }

    private FilterExpression compare() {
        FilterExpression left = primary();
        for (String operator : COMPARISONS) {
            if (keyword(operator)) {
                return new Comparison(operator, left, primary());
            }
        }
        return left;
    }

    private FilterExpression primary() {
        skipSpaces();
        if (position >= text.length()) {
            throw invalid("The $filter ends unexpectedly: " + text);
        }
        char next = text.charAt(position);
        if (next == '(') {
            position++;
            FilterExpression inner = or();
            expect(')');
            return inner;
        }
        if (next == '\'') {
            return new Literal(stringLiteral());
        }
        Matcher guid = match(GUID);
        if (guid != null) {
            position = guid.end();
            return new Literal(UUID.fromString(guid.group()));
        }
        Matcher dateTime = match(DATE_TIME);
        if (dateTime != null) {
            position = dateTime.end();
            return new Literal(parseDateTime(dateTime.group()));
        }
        Matcher number = match(NUMBER);
        if (number != null) {
            position = number.end();
            return new Literal(parseNumber(number.group()));
        }
        Matcher identifier = match(IDENTIFIER);
        if (identifier == null) {
            throw unexpected();
        }
        String name = identifier.group();
        position = identifier.end();
        switch (name) {
            case "true":
                return new Literal(Boolean.TRUE);
            case "false":
                return new Literal(Boolean.FALSE);
            case "null":
                return new Literal(null);
            default:
                break;
        }
        if (position < text.length() && text.charAt(position) == '\'') {
            return typedLiteral(name);
        }
        skipSpaces();
        if (position < text.length() && text.charAt(position) == '(') {
            return call(name);
        }
        return path(name);
    }

    private FilterExpression typedLiteral(String type) {
        String value = stringLiteral();
        try {
            return switch (type.toLowerCase(Locale.ROOT)) {
                case "guid" -> new Literal(UUID.fromString(value));
                case "datetime", "datetimeoffset" -> new Literal(parseDateTime(value));
                default -> throw invalid("Unknown literal type " + type + "'" + value + "'.");
            };
        } catch (IllegalArgumentException e) {
            throw invalid("Not a valid " + type + " literal: '" + value + "'.");
        }
    }

    private FilterExpression call(String name) {
        // OData 4 function names are case-sensitive: ToLower is as unknown as frobnicate.
        String function = name;
        if (UNCONFIRMED_FUNCTIONS.contains(function)) {
            throw invalid(
                    "The query specified in the URI is not valid. Function '" + function
                            + "' is not allowed. To allow it, set the 'AllowedFunctions' property on EnableQueryAttribute or QueryValidationSettings.");
        }
        if (!FUNCTIONS.contains(function)) {
            throw invalid(
                    "The query specified in the URI is not valid. An unknown function with name '" + name
                            + "' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.");
        }
        expect('(');
        List<FilterExpression> arguments = new ArrayList<>();
        skipSpaces();
        if (position < text.length() && text.charAt(position) == ')') {
            position++;
        } else {
            do {
                arguments.add(or());
                skipSpaces();
            } while (position < text.length() && text.charAt(position) == ',' && ++position > 0);
            expect(')');
        }
        int expected = 2;
        if (arguments.size() != expected) {
            throw invalid(
                    "The function " + function + " takes " + expected + " argument(s), got " + arguments.size() + ".");
        }
        return new Call(function, List.copyOf(arguments));
    }

    private FilterExpression path(String first) {
        List<String> segments = new ArrayList<>();
        segments.add(first);
        while (position < text.length() && text.charAt(position) == '/') {
            position++;
            Matcher segment = match(IDENTIFIER);
            if (segment == null) {
                throw unexpected();
            }
            segments.add(segment.group());
            position = segment.end();
        }
        return new Property(List.copyOf(segments));
    }

    private String stringLiteral() {
        position++;
        StringBuilder value = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '\'') {
                if (position < text.length() && text.charAt(position) == '\'') {
                    value.append('\'');
                    position++;
                } else {
                    return value.toString();
                }
            } else {
                value.append(c);
            }
        }
        throw invalid("Unterminated string literal in $filter: " + text);
    }

    static Instant parseDateTime(String value) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid("The date-time literal '" + value + "' needs a time zone, e.g. 2026-01-01T00:00:00Z.");
        }
    }

    private static BigDecimal parseNumber(String value) {
        char last = value.charAt(value.length() - 1);
        String digits = Character.isLetter(last) ? value.substring(0, value.length() - 1) : value;
        return new BigDecimal(digits);
    }

    private boolean keyword(String word) {
        skipSpaces();
        int end = position + word.length();
        if (end <= text.length()
                && text.regionMatches(false, position, word, 0, word.length())
                && (end == text.length() || !isIdentifierPart(text.charAt(end)))
                && (end == text.length() || Character.isWhitespace(text.charAt(end)) || text.charAt(end) == '(')) {
            position = end;
            return true;
        }
        return false;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private void expect(char c) {
        skipSpaces();
        if (position >= text.length() || text.charAt(position) != c) {
            throw unexpected();
        }
        position++;
    }

    private Matcher match(Pattern pattern) {
        Matcher matcher = pattern.matcher(text).region(position, text.length());
        return matcher.lookingAt() ? matcher : null;
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private SandboxException unexpected() {
        if (position >= text.length()) {
            return invalid("The $filter ends unexpectedly: " + text);
        }
        return invalid("Syntax error at position " + position + " in $filter: " + text);
    }

    static SandboxException invalid(String reason) {
        return SandboxException.badRequest(reason);
    }
}
