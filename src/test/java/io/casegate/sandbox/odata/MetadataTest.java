package io.casegate.sandbox.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.casegate.sandbox.http.CrmResponse;

/**
 * {@code $metadata} is standard CSDL 4.0 and describes exactly what the sandbox accepts: every
 * declared property can be written and filtered, and nothing else can.
 */
class MetadataTest {

    private static final String EDMX = "http://docs.oasis-open.org/odata/ns/edmx";
    private static final String EDM = "http://docs.oasis-open.org/odata/ns/edm";

    private final ODataHarness sandbox = new ODataHarness(Optional.of("UsrINN"), false);

    @Test
    void theDocumentHasTheStandardShape() throws Exception {
        Document csdl = metadata();
        Element root = csdl.getDocumentElement();
        assertEquals(EDMX, root.getNamespaceURI());
        assertEquals("Edmx", root.getLocalName());
        assertEquals("4.0", root.getAttribute("Version"));
        assertEquals(1, root.getElementsByTagNameNS(EDMX, "DataServices").getLength());
        Element schema = (Element) csdl.getElementsByTagNameNS(EDM, "Schema").item(0);
        assertEquals("Terrasoft.Configuration", schema.getAttribute("Namespace"));

        Map<String, Element> types = new LinkedHashMap<>();
        for (Element type : children(schema, "EntityType")) {
            types.put(type.getAttribute("Name"), type);
            Element key = children(type, "Key").get(0);
            assertEquals("Id", children(key, "PropertyRef").get(0).getAttribute("Name"));
        }
        Element container = children(schema, "EntityContainer").get(0);
        List<String> sets = new ArrayList<>();
        for (Element set : children(container, "EntitySet")) {
            sets.add(set.getAttribute("Name"));
            assertEquals("Terrasoft.Configuration." + set.getAttribute("Name"), set.getAttribute("EntityType"));
        }
        assertEquals(List.copyOf(types.keySet()), sets);
        for (String expected : List.of(
                "Contact",
                "Account",
                "Case",
                "ContactCommunication",
                "CommunicationType",
                "Activity",
                "ActivityType",
                "ActivityStatus",
                "ActivityCategory",
                "EmailType",
                "MessageNotifier",
                "CaseMessageHistory",
                "CaseFile",
                "ServiceItem",
                "CaseStatus",
                "CaseOrigin",
                "CaseCategory",
                "CasePriority")) {
            assertTrue(types.containsKey(expected), expected);
        }

        Element activity = types.get("Activity");
        Element messageType = children(activity, "NavigationProperty").stream()
                .filter(navigation -> navigation.getAttribute("Name").equals("MessageType"))
                .findFirst()
                .orElseThrow();
        assertEquals("Terrasoft.Configuration.EmailType", messageType.getAttribute("Type"));
        for (Element type : types.values()) {
            for (Element navigation : children(type, "NavigationProperty")) {
                String target = navigation.getAttribute("Type").substring("Terrasoft.Configuration.".length());
                assertTrue(types.containsKey(target), target);
            }
        }
    }

    @Test
    void everyDeclaredPropertyIsAcceptedAndOnlyThose() throws Exception {
        Document csdl = metadata();
        for (Element type :
                children((Element) csdl.getElementsByTagNameNS(EDM, "Schema").item(0), "EntityType")) {
            String set = type.getAttribute("Name");
            List<Element> properties = children(type, "Property");
            for (Element property : properties) {
                String name = property.getAttribute("Name");
                if (property.getAttribute("Type").equals("Edm.Stream")) {
                    continue;
                }
                CrmResponse filtered = sandbox.call("GET", set + "?$select=" + name + "&$top=1", null);
                assertEquals(200, filtered.status(), set + "." + name + ": " + filtered.bodyText());
            }
            List<String> declared =
                    properties.stream().map(p -> p.getAttribute("Name")).toList();
            assertEquals(
                    sandbox.database.schema().require(set).columns().stream()
                            .map(Column::name)
                            .toList(),
                    declared,
                    set);
            CrmResponse unknown = sandbox.call("POST", set, "{\"UsrNotThere\":\"x\"}");
            assertEquals(400, unknown.status(), set);
            assertFalse(declared.contains("UsrNotThere"));
        }
        assertTrue(declaredOn(csdl, "Account").contains("UsrINN"));
        assertFalse(declaredOn(new ODataHarness().call("GET", "$metadata", null), "Account")
                .contains("UsrINN"));
    }

    private List<String> declaredOn(Document csdl, String set) {
        for (Element type :
                children((Element) csdl.getElementsByTagNameNS(EDM, "Schema").item(0), "EntityType")) {
            if (type.getAttribute("Name").equals(set)) {
                return children(type, "Property").stream()
                        .map(p -> p.getAttribute("Name"))
                        .toList();
            }
        }
        throw new AssertionError(set);
    }

    private List<String> declaredOn(CrmResponse response, String set) throws Exception {
        return declaredOn(parse(response.bodyText()), set);
    }

    private Document metadata() throws Exception {
        CrmResponse response = sandbox.call("GET", "$metadata", null);
        assertEquals(200, response.status());
        assertTrue(response.contentType().startsWith("application/xml"));
        return parse(response.bodyText());
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element
                    && EDM.equals(element.getNamespaceURI())
                    && element.getLocalName().equals(localName)) {
                found.add(element);
            }
        }
        return found;
    }
}
