package io.casegate.feedback.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.HttpMethod;

import org.junit.jupiter.api.Test;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import io.casegate.CasegateApi;

/**
 * The hand-kept OpenAPI document is valid OpenAPI 3 and describes the API the code has: every path
 * and method of the REST application, no other, the multipart fields the intake reads and the
 * receipt it answers. (That the WAR serves it is {@code MonitoringIT}'s and {@code SubmissionsApiIT}'s.)
 */
class OpenApiDocumentTest {

    @Test
    void theDocumentIsValidOpenApi3() {
        SwaggerParseResult result = parse(OpenApiDocument.text());
        assertEquals(java.util.List.of(), result.getMessages(), "swagger-parser's complaints");
        assertNotNull(result.getOpenAPI());
        assertTrue(
                result.getOpenAPI().getOpenapi().startsWith("3."),
                result.getOpenAPI().getOpenapi());
    }

    /** swagger-parser leaves a local reference to nothing unreported: every one must lead somewhere. */
    @Test
    void everyReferenceLeadsToAComponent() {
        Object tree = new org.yaml.snakeyaml.Yaml().load(OpenApiDocument.text());
        Matcher reference = Pattern.compile("\\$ref: '#/([^']+)'").matcher(OpenApiDocument.text());
        int found = 0;
        while (reference.find()) {
            found++;
            Object node = tree;
            for (String step : reference.group(1).split("/")) {
                assertTrue(node instanceof Map<?, ?> map && map.containsKey(step), reference.group());
                node = ((Map<?, ?>) node).get(step);
            }
        }
        assertTrue(found > 5, "references found: " + found);
        assertTrue(!OpenApiDocument.text().contains("$ref: \""), "references are written in single quotes");
    }

    @Test
    void itNamesEveryPathAndMethodTheApiHasAndNoOther() {
        Map<String, Set<String>> documented = new TreeMap<>();
        parse(OpenApiDocument.text())
                .getOpenAPI()
                .getPaths()
                .forEach((path, item) -> documented.put(path, methods(item)));
        Map<String, Set<String>> real = new TreeMap<>();
        for (Class<?> type : new CasegateApi().getClasses()) {
            jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String verb = httpMethod(method);
                if (verb != null) {
                    jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                    String path = "/" + strip(root.value()) + (sub == null ? "" : "/" + strip(sub.value()));
                    real.computeIfAbsent(path, p -> new TreeSet<>()).add(verb);
                }
            }
        }
        assertTrue(real.size() >= 3, real.toString());
        assertEquals(real, documented);
    }

    @Test
    void itNamesEveryPartTheIntakeReads() throws IOException {
        Set<String> read = new TreeSet<>();
        Pattern field = Pattern.compile("field\\(\"([A-Za-z]+)\"\\)|fields\\.get\\(\"([A-Za-z]+)\"\\)");
        for (String source : new String[] {"SubmissionParts.java", "SubmissionsResource.java"}) {
            Matcher matcher = field.matcher(Files.readString(
                    Path.of("src/main/java/io/casegate/feedback/boundary").resolve(source)));
            while (matcher.find()) {
                read.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
            }
        }
        read.add(SubmissionParts.FILES);
        assertTrue(read.containsAll(Set.of("name", "consent", "visitorIp", "files")), read.toString());
        assertEquals(read, schema("SubmissionForm").getProperties().keySet());
    }

    @Test
    void theReceiptIsDescribedAsTheApiWritesIt() {
        Schema<?> receipt = schema("Receipt");
        assertEquals(
                Arrays.stream(ReceiptJson.class.getRecordComponents())
                        .map(RecordComponent::getName)
                        .toList(),
                java.util.List.copyOf(receipt.getProperties().keySet()));
        assertEquals(
                Arrays.stream(Receipt.Status.values()).map(Enum::name).toList(),
                receipt.getProperties().get("status").getEnum());
    }

    @Test
    void theServerIsWhereCasegateIsDeployed() {
        assertTrue(OpenApiDocument.text().contains(OpenApiDocument.SERVER_LINE));
        assertEquals(
                "/casegate/api",
                parse(OpenApiDocument.forContextPath("/casegate"))
                        .getOpenAPI()
                        .getServers()
                        .get(0)
                        .getUrl());
        assertEquals(
                "/api",
                parse(OpenApiDocument.forContextPath(""))
                        .getOpenAPI()
                        .getServers()
                        .get(0)
                        .getUrl());
    }

    private static SwaggerParseResult parse(String text) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(text, null, options);
    }

    private static Schema<?> schema(String name) {
        OpenAPI api = parse(OpenApiDocument.text()).getOpenAPI();
        return api.getComponents().getSchemas().get(name);
    }

    private static Set<String> methods(PathItem item) {
        Set<String> methods = new TreeSet<>();
        item.readOperationsMap().keySet().forEach(method -> methods.add(method.name()));
        return methods;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String strip(String path) {
        return path.replaceAll("^/+|/+$", "");
    }
}
