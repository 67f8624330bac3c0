package io.casegate.sandbox.odata;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.casegate.sandbox.http.SandboxException;
import io.casegate.sandbox.odata.FilterExpression.Comparison;
import io.casegate.sandbox.odata.FilterExpression.Literal;
import io.casegate.sandbox.odata.FilterExpression.Property;

/** The system query options of a collection request, parsed and checked against the entity type. */
final class QueryOptions {

    private static final Set<String> SUPPORTED =
            Set.of("$filter", "$select", "$expand", "$orderby", "$top", "$skip", "$count", "$format");

    final FilterExpression filter;
    final Set<String> select;
    final List<String> expand;
    final List<Order> orderBy;
    final Integer top;
    final int skip;
    final boolean count;

    record Order(List<String> path, boolean descending) {}

    private final Schema schema;

    QueryOptions(Schema schema, EntityType type, Map<String, String> query) {
        this.schema = schema;
        for (String name : query.keySet()) {
            if (name.startsWith("$") && !SUPPORTED.contains(name)) {
                throw SandboxException.badRequest("The query parameter '" + name + "' is not supported.");
            }
        }
        String filterText = query.get("$filter");
        filter = filterText == null ? null : FilterParser.parse(filterText);
        if (filter != null) {
            check(type, filter);
        }
        select = parseSelect(type, query.get("$select"));
        expand = parseExpand(type, query.get("$expand"));
        orderBy = parseOrderBy(type, query.get("$orderby"));
        top = query.containsKey("$top") ? nonNegative("$top", query.get("$top")) : null;
        skip = query.containsKey("$skip") ? nonNegative("$skip", query.get("$skip")) : 0;
        String countText = query.getOrDefault("$count", "false");
        if (!countText.equals("true") && !countText.equals("false")) {
            throw SandboxException.badRequest("$count must be true or false.");
        }
        count = countText.equals("true");
    }

    private void check(EntityType type, FilterExpression expression) {
        if (expression instanceof Property property) {
            Database.typeOf(schema, type, property.path());
        } else if (expression instanceof Comparison comparison) {
            check(type, comparison.left());
            check(type, comparison.right());
            checkOperandTypes(type, comparison);
        } else if (expression instanceof FilterExpression.Logical logical) {
            check(type, logical.left());
            check(type, logical.right());
        } else if (expression instanceof FilterExpression.Not not) {
            check(type, not.operand());
        } else if (expression instanceof FilterExpression.Call call) {
            call.arguments().forEach(argument -> check(type, argument));
        }
    }

    /** OData rejects comparing, say, a DateTimeOffset column with a quoted string; so does the sandbox. */
    private void checkOperandTypes(EntityType type, Comparison comparison) {
        FilterExpression left = comparison.left();
        FilterExpression right = comparison.right();
        if (left instanceof Literal && right instanceof Property) {
            FilterExpression swap = left;
            left = right;
            right = swap;
        }
        if (!(left instanceof Property property) || !(right instanceof Literal literal) || literal.value() == null) {
            return;
        }
        ColumnType columnType = Database.typeOf(schema, type, property.path());
        Object value = literal.value();
        boolean compatible = switch (columnType) {
            case TEXT -> value instanceof String;
            case GUID -> value instanceof UUID;
            case DATE_TIME -> value instanceof Instant;
            case INTEGER, DECIMAL -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            default -> false;
        };
        if (!compatible) {
            throw SandboxException.badRequest(
                    "A binary operator with incompatible types was detected. Found operand types '"
                            + columnType.edmType() + "' and '" + edmTypeOf(value) + "' for operator kind '"
                            + comparison.operator()
                            + "' on " + property.text() + ".");
        }
    }

    private static String edmTypeOf(Object value) {
        if (value instanceof String) {
            return "Edm.String";
        }
        if (value instanceof UUID) {
            return "Edm.Guid";
        }
        if (value instanceof Instant) {
            return "Edm.DateTimeOffset";
        }
        if (value instanceof Boolean) {
            return "Edm.Boolean";
        }
        return "Edm.Decimal";
    }

    private static Set<String> parseSelect(EntityType type, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : text.split(",")) {
            String trimmed = name.trim();
            if (trimmed.equals("*")) {
                return null;
            }
            names.add(type.requireColumn(trimmed).name());
        }
        return names;
    }

    private static List<String> parseExpand(EntityType type, String text) {
        List<String> names = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return names;
        }
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : (text + ",").toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String name = current.toString().trim();
                Column lookup = type.navigation(name)
                        .filter(column -> column.target() != null)
                        .orElseThrow(() ->
                                SandboxException.badRequest("Cannot $expand '" + name + "' on " + type.name() + "."));
                names.add(lookup.navigation());
                current.setLength(0);
            } else if (depth == 0) {
                current.append(c);
            }
        }
        return names;
    }

    private List<Order> parseOrderBy(EntityType type, String text) {
        List<Order> orders = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return orders;
        }
        for (String clause : text.split(",")) {
            String[] words = clause.trim().split("\\s+");
            if (words.length > 2 || (words.length == 2 && !words[1].equals("asc") && !words[1].equals("desc"))) {
                throw SandboxException.badRequest("Invalid $orderby clause '" + clause.trim() + "'.");
            }
            List<String> path = List.of(words[0].split("/"));
            Database.typeOf(schema, type, path);
            orders.add(new Order(path, words.length == 2 && words[1].equals("desc")));
        }
        return orders;
    }

    private static int nonNegative(String option, String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw SandboxException.badRequest(option + " must be a non-negative integer, got '" + text + "'.");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Comparator<Object> valueOrder() {
        return Comparator.nullsFirst((a, b) -> {
            if (a instanceof Number x && b instanceof Number y) {
                return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
            }
            if (a.getClass() == b.getClass() && a instanceof Comparable comparable) {
                return comparable.compareTo(b);
            }
            return a.toString().compareTo(b.toString());
        });
    }
}
