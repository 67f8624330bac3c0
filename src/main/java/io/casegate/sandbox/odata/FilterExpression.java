package io.casegate.sandbox.odata;

import java.util.List;

/** The syntax tree of an OData 4 {@code $filter}. */
sealed interface FilterExpression {

    /** A constant; {@code value} is a String, UUID, Instant, BigDecimal, Boolean or null. */
    record Literal(Object value) implements FilterExpression {}

    /** A property or navigation path such as {@code Name} or {@code Contact/Id}. */
    record Property(List<String> path) implements FilterExpression {
        String text() {
            return String.join("/", path);
        }
    }

    /** eq, ne, gt, ge, lt, le. */
    record Comparison(String operator, FilterExpression left, FilterExpression right) implements FilterExpression {}

    /** and, or. */
    record Logical(String operator, FilterExpression left, FilterExpression right) implements FilterExpression {}

    record Not(FilterExpression operand) implements FilterExpression {}

    record Call(String function, List<FilterExpression> arguments) implements FilterExpression {}
}
