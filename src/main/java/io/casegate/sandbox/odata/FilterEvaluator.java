package io.casegate.sandbox.odata;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import io.casegate.sandbox.odata.FilterExpression.Call;
import io.casegate.sandbox.odata.FilterExpression.Comparison;
import io.casegate.sandbox.odata.FilterExpression.Literal;
import io.casegate.sandbox.odata.FilterExpression.Logical;
import io.casegate.sandbox.odata.FilterExpression.Not;
import io.casegate.sandbox.odata.FilterExpression.Property;

/**
 * Evaluates a parsed {@code $filter} against one record. Comparisons follow SQL: anything compared
 * with null (other than eq/ne) is false. Strings compare ordinally and case-sensitively, as on a
 * PostgreSQL-based Creatio, unless the sandbox plays an MS SQL install, whose default collation
 * ignores case ({@code casegate.sandbox.case-insensitive-strings}).
 */
final class FilterEvaluator {

    private FilterEvaluator() {}

    /** @param values the value of a property path of the record: String, UUID, Instant, Number, Boolean or null */
    static boolean matches(FilterExpression filter, Function<List<String>, Object> values) {
        return matches(filter, values, false);
    }

    static boolean matches(FilterExpression filter, Function<List<String>, Object> values, boolean ignoreCase) {
        return Boolean.TRUE.equals(evaluate(filter, values, ignoreCase));
    }

    static Object evaluate(FilterExpression expression, Function<List<String>, Object> values, boolean ignoreCase) {
        if (expression instanceof Literal literal) {
            return literal.value();
        }
        if (expression instanceof Property property) {
            return values.apply(property.path());
        }
        if (expression instanceof Not not) {
            return !truth(evaluate(not.operand(), values, ignoreCase));
        }
        if (expression instanceof Logical logical) {
            boolean left = truth(evaluate(logical.left(), values, ignoreCase));
            if (logical.operator().equals("and")) {
                return left && truth(evaluate(logical.right(), values, ignoreCase));
            }
            return left || truth(evaluate(logical.right(), values, ignoreCase));
        }
        if (expression instanceof Comparison comparison) {
            return compare(
                    comparison.operator(),
                    evaluate(comparison.left(), values, ignoreCase),
                    evaluate(comparison.right(), values, ignoreCase),
                    ignoreCase);
        }
        Call call = (Call) expression;
        Object first = evaluate(call.arguments().get(0), values, ignoreCase);
        Object second = evaluate(call.arguments().get(1), values, ignoreCase);
        return apply(call.function(), first, second, ignoreCase);
    }

    private static boolean truth(Object value) {
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        throw FilterParser.invalid("A $filter condition must be boolean, got " + value + ".");
    }

    private static Object apply(String function, Object first, Object second, boolean ignoreCase) {
        if (first == null || second == null) {
            return false;
        }
        String a = fold(text(function, first), ignoreCase);
        String b = fold(text(function, second), ignoreCase);
        return switch (function) {
            case "contains" -> a.contains(b);
            case "startswith" -> a.startsWith(b);
            case "endswith" -> a.endsWith(b);
            default -> throw FilterParser.invalid("Unknown function " + function + ".");
        };
    }

    private static String fold(String text, boolean ignoreCase) {
        return ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
    }

    private static String text(String function, Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof UUID) {
            return value.toString();
        }
        throw FilterParser.invalid("The function " + function + " needs a string argument, got " + value + ".");
    }

    private static boolean compare(String operator, Object left, Object right, boolean ignoreCase) {
        if (left == null || right == null) {
            boolean same = left == null && right == null;
            return switch (operator) {
                case "eq" -> same;
                case "ne" -> !same;
                default -> false;
            };
        }
        int order = order(left, right, ignoreCase);
        return switch (operator) {
            case "eq" -> order == 0;
            case "ne" -> order != 0;
            case "gt" -> order > 0;
            case "ge" -> order >= 0;
            case "lt" -> order < 0;
            default -> order <= 0;
        };
    }

    private static int order(Object left, Object right, boolean ignoreCase) {
        if (left instanceof UUID || right instanceof UUID) {
            return guid(left).compareTo(guid(right)) == 0 ? 0 : left.toString().compareToIgnoreCase(right.toString());
        }
        if (left instanceof Number a && right instanceof Number b) {
            return decimal(a).compareTo(decimal(b));
        }
        if (left instanceof Instant a && right instanceof Instant b) {
            return a.compareTo(b);
        }
        if (left instanceof String a && right instanceof String b) {
            return ignoreCase ? a.compareToIgnoreCase(b) : a.compareTo(b);
        }
        if (left instanceof Boolean a && right instanceof Boolean b) {
            return a.compareTo(b);
        }
        throw FilterParser.invalid("Cannot compare " + describe(left) + " with " + describe(right) + ".");
    }

    private static UUID guid(Object value) {
        if (value instanceof UUID uuid) {
            return uuid;
        }
        try {
            return UUID.fromString(Objects.toString(value));
        } catch (IllegalArgumentException e) {
            throw FilterParser.invalid("Cannot compare a GUID with " + describe(value) + ".");
        }
    }

    private static BigDecimal decimal(Number number) {
        return number instanceof BigDecimal decimal ? decimal : new BigDecimal(number.toString());
    }

    private static String describe(Object value) {
        if (value instanceof String) {
            return "Edm.String '" + value + "'";
        }
        if (value instanceof Instant) {
            return "Edm.DateTimeOffset " + value;
        }
        if (value instanceof Number) {
            return "a number " + value;
        }
        if (value instanceof Boolean) {
            return "Edm.Boolean " + value;
        }
        return String.valueOf(value);
    }
}
