package io.casegate.crm.control;

import java.io.StringReader;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What the self-check needs of the CRM's CSDL ({@code GET /0/odata/$metadata}, OData 4): the entity
 * sets of the entity container, and the columns (properties and navigation properties) of each
 * set's entity type. Everything else in the document is skipped.
 * <p>
 * The document comes from outside: parsed with the JDK's own StAX reader, no DTD, no external
 * entities, so a hostile or misconfigured CRM can neither make Casegate read a local file nor
 * fetch a URL.
 */
final class ODataMetadata {

    /** Entity set name → entity type as the set names it (qualified, e.g. {@code Terrasoft.Configuration.Account}). */
    private final Map<String, String> entitySets;
    /** Qualified and simple entity type name → its property and navigation property names. */
    private final Map<String, Set<String>> typeColumns;

    private ODataMetadata(Map<String, String> entitySets, Map<String, Set<String>> typeColumns) {
        this.entitySets = entitySets;
        this.typeColumns = typeColumns;
    }

    /** @throws IllegalArgumentException when the text is no CSDL document */
    static ODataMetadata parse(String csdl) {
        Map<String, String> sets = new HashMap<>();
        Map<String, Set<String>> types = new HashMap<>();
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(new StringReader(csdl));
            String namespace = "";
            Set<String> columns = null;
            boolean sawEdmx = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String element = reader.getLocalName();
                    switch (element) {
                        case "Edmx" -> sawEdmx = true;
                        case "Schema" -> namespace = attribute(reader, "Namespace");
                        case "EntityType" -> {
                            String name = attribute(reader, "Name");
                            columns = new HashSet<>();
                            types.put(name, columns);
                            types.put(namespace + "." + name, columns);
                        }
                        case "Property", "NavigationProperty" -> {
                            if (columns != null) {
                                columns.add(attribute(reader, "Name"));
                            }
                        }
                        case "EntitySet" -> sets.put(attribute(reader, "Name"), attribute(reader, "EntityType"));
                        default -> {}
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT
                        && reader.getLocalName().equals("EntityType")) {
                    columns = null;
                }
            }
            if (!sawEdmx) {
                throw new IllegalArgumentException("the CRM's $metadata is not an OData CSDL document (no edmx:Edmx)");
            }
        } catch (XMLStreamException notXml) {
            throw new IllegalArgumentException("the CRM's $metadata is not well-formed XML: " + notXml.getMessage());
        } finally {
            close(reader);
        }
        return new ODataMetadata(Map.copyOf(sets), types);
    }

    boolean hasEntitySet(String entitySet) {
        return entitySets.containsKey(entitySet);
    }

    /** Whether the set's entity type has this property or navigation property; empty when the set is unknown. */
    Optional<Boolean> hasColumn(String entitySet, String column) {
        String type = entitySets.get(entitySet);
        if (type == null) {
            return Optional.empty();
        }
        Set<String> columns = typeColumns.get(type);
        if (columns == null) {
            // A type named with an alias instead of its namespace: the simple name still finds it.
            columns = typeColumns.getOrDefault(type.substring(type.lastIndexOf('.') + 1), Set.of());
        }
        return Optional.of(columns.contains(column));
    }

    int entitySetCount() {
        return entitySets.size();
    }

    private static XMLInputFactory factory() {
        // The JDK's implementation, not whichever StAX provider the server puts on the class path.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory;
    }

    private static String attribute(XMLStreamReader reader, String name) {
        String value = reader.getAttributeValue(null, name);
        return value == null ? "" : value;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // Nothing is held open: the document is a string.
            }
        }
    }
}
