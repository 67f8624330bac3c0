package io.casegate.sandbox.odata;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.casegate.sandbox.http.SandboxException;

/** An entity set: its name and its columns in the order that responses list them. */
public final class EntityType {

    private final String name;
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final Map<String, Column> navigations = new LinkedHashMap<>();

    EntityType(String name, Collection<Column> columns) {
        this.name = name;
        for (Column column : columns) {
            this.columns.put(column.name(), column);
            if (column.navigation() != null) {
                navigations.put(column.navigation(), column);
            }
        }
    }

    String name() {
        return name;
    }

    Collection<Column> columns() {
        return columns.values();
    }

    public boolean hasColumn(String columnName) {
        return columns.containsKey(columnName);
    }

    /** The lookup column behind a navigation property, e.g. {@code Contact} → {@code ContactId}. */
    Optional<Column> navigation(String navigationName) {
        return Optional.ofNullable(navigations.get(navigationName));
    }

    /**
     * A property of a request body. Creatio's types are not open, so an unknown name is refused with the
     * message of Microsoft.OData.Core's reader (ValidationUtils), as a 400.
     */
    Column requireBodyProperty(String propertyName) {
        Column column = columns.get(propertyName);
        if (column == null) {
            throw SandboxException.badRequest(
                    "The property '" + propertyName
                            + "' does not exist on type 'Terrasoft.Configuration." + name
                            + "'. Make sure to only use property names that are defined by the type or mark the type as open type.");
        }
        return column;
    }

    Column requireColumn(String columnName) {
        Column column = columns.get(columnName);
        if (column == null) {
            throw SandboxException.badRequest(
                    "The property '" + columnName + "' does not exist on type 'Terrasoft.Configuration." + name + "'.");
        }
        return column;
    }
}
