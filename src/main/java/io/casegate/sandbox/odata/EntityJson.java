package io.casegate.sandbox.odata;

import static io.casegate.sandbox.http.SandboxJson.JSON;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.casegate.sandbox.http.SandboxException;

/**
 * Converts records to Creatio's JSON and request JSON to typed values. Every column comes back, unset
 * ones filled in (empty string, zero GUID, {@code 0001-01-01T00:00:00Z}, 0, false); timestamps in UTC
 * with 7 fractional digits; binary columns as media annotations, never inline.
 */
final class EntityJson {

    static final String EMPTY_DATE = "0001-01-01T00:00:00Z";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private EntityJson() {}

    static String timestamp(Instant instant) {
        return instant == null ? EMPTY_DATE : TIMESTAMP.format(instant);
    }

    static JsonObjectBuilder render(EntityType type, Row row, Collection<String> select) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        for (Column column : type.columns()) {
            if (select != null && !select.isEmpty() && !select.contains(column.name())) {
                continue;
            }
            Object value = row.get(column.name());
            switch (column.type()) {
                case TEXT -> json.add(column.name(), value == null ? "" : value.toString());
                case GUID -> json.add(column.name(), (value == null ? Lookups.ZERO : (UUID) value).toString());
                case INTEGER -> json.add(column.name(), value == null ? 0L : ((Number) value).longValue());
                case DECIMAL -> json.add(column.name(), value == null ? BigDecimal.ZERO : (BigDecimal) value);
                case BOOLEAN -> json.add(column.name(), Boolean.TRUE.equals(value));
                case DATE_TIME -> json.add(column.name(), timestamp((Instant) value));
                case BINARY -> {
                    String link = type.name() + "(" + row.id() + ")/" + column.name();
                    json.add(column.name() + "@odata.mediaEditLink", link);
                    json.add(column.name() + "@odata.mediaReadLink", link);
                    json.add(column.name() + "@odata.mediaContentType", "application/octet-stream");
                }
                default -> throw new IllegalStateException(column.type().name());
            }
        }
        return json;
    }

    /** The columns of a create or update body, typed; annotations ({@code x@odata.y}) are ignored. */
    static Map<String, Object> values(EntityType type, JsonObject body) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : body.entrySet()) {
            String name = entry.getKey();
            if (name.contains("@")) {
                continue;
            }
            Column column = type.requireBodyProperty(name);
            values.put(name, value(column, entry.getValue()));
        }
        return values;
    }

    private static Object value(Column column, JsonValue json) {
        if (json.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        String name = column.name();
        switch (column.type()) {
            case TEXT:
                if (json instanceof JsonString text) {
                    return text.getString();
                }
                throw invalid(name, "a string", json);
            case GUID:
                if (json instanceof JsonString text) {
                    if (text.getString().isEmpty()) {
                        return null;
                    }
                    try {
                        UUID id = UUID.fromString(text.getString());
                        return id.equals(Lookups.ZERO) && column.lookup() ? null : id;
                    } catch (IllegalArgumentException e) {
                        throw invalid(name, "a GUID", json);
                    }
                }
                throw invalid(name, "a GUID", json);
            case INTEGER:
                try {
                    if (json instanceof JsonNumber number) {
                        return number.longValueExact();
                    }
                    if (json instanceof JsonString text) {
                        return Long.parseLong(text.getString());
                    }
                } catch (ArithmeticException | NumberFormatException e) {
                    throw invalid(name, "an integer", json);
                }
                throw invalid(name, "an integer", json);
            case DECIMAL:
                try {
                    if (json instanceof JsonNumber number) {
                        return number.bigDecimalValue();
                    }
                    if (json instanceof JsonString text) {
                        return new BigDecimal(text.getString());
                    }
                } catch (NumberFormatException e) {
                    throw invalid(name, "a number", json);
                }
                throw invalid(name, "a number", json);
            case BOOLEAN:
                if (json.getValueType() == JsonValue.ValueType.TRUE
                        || json.getValueType() == JsonValue.ValueType.FALSE) {
                    return json.getValueType() == JsonValue.ValueType.TRUE;
                }
                throw invalid(name, "true or false", json);
            case DATE_TIME:
                if (json instanceof JsonString text) {
                    String value = text.getString();
                    if (value.isEmpty() || value.startsWith("0001-01-01")) {
                        return null;
                    }
                    try {
                        return OffsetDateTime.parse(value).toInstant();
                    } catch (DateTimeParseException e) {
                        throw SandboxException.badRequest(
                                "The request is invalid. The value '" + value + "' of " + name
                                        + " is not an Edm.DateTimeOffset; send UTC with Z or an offset, e.g. 2026-01-01T09:00:00Z.");
                    }
                }
                throw invalid(name, "an Edm.DateTimeOffset string", json);
            case BINARY:
            default:
                throw SandboxException.badRequest("The stream property '" + name
                        + "' cannot be set in the entity body; PUT its content to {Entity}({id})/" + name + ".");
        }
    }

    private static SandboxException invalid(String column, String expected, JsonValue json) {
        return SandboxException.badRequest(
                "The request is invalid. The value of '" + column + "' must be " + expected + ", got " + json + ".");
    }
}
