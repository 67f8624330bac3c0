package io.casegate.sandbox.odata;

/**
 * A column of an entity. A lookup is a GUID column named {@code XxxId} with navigation property
 * {@code Xxx}; {@code target} names the entity set it refers to when the sandbox models that set.
 */
record Column(String name, ColumnType type, String target, boolean lookup) {

    static Column of(String name, ColumnType type) {
        return new Column(name, type, null, false);
    }

    /** A lookup to an entity set that the sandbox models (its references are checked). */
    static Column lookup(String name, String target) {
        return new Column(name, ColumnType.GUID, target, true);
    }

    /** A lookup to a table the sandbox does not model (any GUID is accepted). */
    static Column foreignLookup(String name) {
        return new Column(name, ColumnType.GUID, null, true);
    }

    String navigation() {
        return lookup && name.endsWith("Id") ? name.substring(0, name.length() - 2) : null;
    }
}
