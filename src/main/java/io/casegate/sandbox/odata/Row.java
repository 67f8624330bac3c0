package io.casegate.sandbox.odata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** An immutable version of one record; {@code sequence} orders records by creation. */
public record Row(long sequence, Map<String, Object> values) {

    public Row {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public UUID id() {
        return (UUID) values.get("Id");
    }

    public Object get(String column) {
        return values.get(column);
    }

    public String text(String column) {
        Object value = values.get(column);
        return value == null ? "" : value.toString();
    }

    Row with(Map<String, Object> changes) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        merged.putAll(changes);
        return new Row(sequence, merged);
    }
}
