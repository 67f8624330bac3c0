package io.casegate.sandbox.odata;

/** The column types the sandbox models, with their EDM names for {@code $metadata}. */
enum ColumnType {
    TEXT("Edm.String"),
    GUID("Edm.Guid"),
    INTEGER("Edm.Int32"),
    DECIMAL("Edm.Decimal"),
    BOOLEAN("Edm.Boolean"),
    DATE_TIME("Edm.DateTimeOffset"),
    BINARY("Edm.Stream");

    private final String edmType;

    ColumnType(String edmType) {
        this.edmType = edmType;
    }

    String edmType() {
        return edmType;
    }
}
