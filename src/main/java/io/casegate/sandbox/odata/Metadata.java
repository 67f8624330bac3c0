package io.casegate.sandbox.odata;

/** The CSDL document ({@code $metadata}) of the modelled entity sets. */
final class Metadata {

    static final String NAMESPACE = "Terrasoft.Configuration";

    private Metadata() {}

    static String csdl(Schema schema) {
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n")
                .append("  <edmx:DataServices>\n")
                .append("    <Schema Namespace=\"")
                .append(NAMESPACE)
                .append("\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n");
        for (EntityType type : schema.types()) {
            xml.append("      <EntityType Name=\"")
                    .append(type.name())
                    .append("\"")
                    .append(">\n")
                    .append("        <Key><PropertyRef Name=\"Id\" /></Key>\n");
            for (Column column : type.columns()) {
                xml.append("        <Property Name=\"")
                        .append(column.name())
                        .append("\" Type=\"")
                        .append(column.type().edmType())
                        .append("\"")
                        .append(column.name().equals("Id") ? " Nullable=\"false\"" : "")
                        .append(" />\n");
            }
            for (Column column : type.columns()) {
                if (column.target() != null) {
                    xml.append("        <NavigationProperty Name=\"")
                            .append(column.navigation())
                            .append("\" Type=\"")
                            .append(NAMESPACE)
                            .append('.')
                            .append(column.target())
                            .append("\">\n")
                            .append("          <ReferentialConstraint Property=\"")
                            .append(column.name())
                            .append("\" ReferencedProperty=\"Id\" />\n")
                            .append("        </NavigationProperty>\n");
                }
            }
            xml.append("      </EntityType>\n");
        }
        xml.append("      <EntityContainer Name=\"BPMonline\">\n");
        for (EntityType type : schema.types()) {
            xml.append("        <EntitySet Name=\"")
                    .append(type.name())
                    .append("\" EntityType=\"")
                    .append(NAMESPACE)
                    .append('.')
                    .append(type.name())
                    .append("\">\n");
            for (Column column : type.columns()) {
                if (column.target() != null) {
                    xml.append("          <NavigationPropertyBinding Path=\"")
                            .append(column.navigation())
                            .append("\" Target=\"")
                            .append(column.target())
                            .append("\" />\n");
                }
            }
            xml.append("        </EntitySet>\n");
        }
        xml.append("      </EntityContainer>\n    </Schema>\n  </edmx:DataServices>\n</edmx:Edmx>\n");
        return xml.toString();
    }
}
