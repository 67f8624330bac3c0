package io.casegate.sandbox.odata;

import static io.casegate.sandbox.http.SandboxJson.JSON;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import io.casegate.sandbox.http.CrmRequest;
import io.casegate.sandbox.http.CrmResponse;
import io.casegate.sandbox.http.JsonBodies;
import io.casegate.sandbox.http.SandboxException;

/**
 * OData 4 over the in-memory {@link Database}: the service document, {@code $metadata}, collections
 * with query options, single records, create/update/delete, stream properties and {@code $batch}.
 */
public final class ODataService {

    private static final Pattern KEYED = Pattern.compile(
            "([A-Za-z][A-Za-z0-9_]*)\\((?:Id=)?(?:guid)?'?([0-9a-fA-F-]{36})'?\\)(?:/([A-Za-z$][A-Za-z0-9_]*))?");
    private static final Pattern SLASH_KEYED = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)/([0-9a-fA-F-]{36})");
    private static final Pattern SET = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)(/\\$count)?");

    private final Database database;
    private final long maxJsonBodyBytes;
    private final long maxFileSizeBytes;
    private final BatchService batch;
    private volatile Predicate<String> failingCreates = entitySet -> false;
    private final String metadata;
    private final boolean caseInsensitiveStrings;

    public ODataService(
            Database database, long maxJsonBodyBytes, long maxFileSizeBytes, boolean caseInsensitiveStrings) {
        this.database = database;
        this.caseInsensitiveStrings = caseInsensitiveStrings;
        this.maxJsonBodyBytes = maxJsonBodyBytes;
        this.maxFileSizeBytes = maxFileSizeBytes;
        this.batch = new BatchService(this, maxJsonBodyBytes);
        this.metadata = Metadata.csdl(database.schema());
    }

    /**
     * @param root     the OData root as the client addressed it, e.g. {@code /0/odata}
     * @param resource the path below the root, e.g. {@code Contact(…)}, without a leading slash
     */
    /** Creates of the entity sets this names fail as a database timeout would (the {@code failCreatesOf} fault). */
    public void failCreates(Predicate<String> failing) {
        this.failingCreates = failing;
    }

    public CrmResponse handle(CrmRequest request, String root, String resource) {
        String serviceUrl = request.applicationUrl() + root;
        if (resource.isEmpty()) {
            requireMethod(request, "GET");
            return serviceDocument(serviceUrl);
        }
        if (resource.equals("$metadata")) {
            requireMethod(request, "GET");
            return CrmResponse.text(200, "application/xml; charset=utf-8", metadata)
                    .header("OData-Version", "4.0");
        }
        if (resource.equals("$batch")) {
            requireMethod(request, "POST");
            return batch.handle(request, root);
        }
        Matcher keyed = KEYED.matcher(resource);
        if (keyed.matches()) {
            return record(
                    request,
                    serviceUrl,
                    database.schema().require(keyed.group(1)),
                    parseKey(keyed.group(2)),
                    keyed.group(3));
        }
        Matcher slashKeyed = SLASH_KEYED.matcher(resource);
        if (slashKeyed.matches()) {
            return record(
                    request,
                    serviceUrl,
                    database.schema().require(slashKeyed.group(1)),
                    parseKey(slashKeyed.group(2)),
                    null);
        }
        Matcher set = SET.matcher(resource);
        if (set.matches()) {
            EntityType type = database.schema().require(set.group(1));
            if (set.group(2) != null) {
                requireMethod(request, "GET");
                return CrmResponse.text(
                        200,
                        "text/plain; charset=utf-8",
                        Integer.toString(query(type, new QueryOptions(database.schema(), type, request.query()))
                                .size()));
            }
            return switch (request.method()) {
                case "GET" -> collection(request, serviceUrl, type);
                case "POST" -> create(request, serviceUrl, type);
                default -> throw methodNotAllowed(request);
            };
        }
        String setName = resource.split("[(/]", 2)[0];
        database.schema().require(setName);
        throw SandboxException.badRequest("The OData path '" + resource + "' is not valid.");
    }

    private CrmResponse serviceDocument(String serviceUrl) {
        JsonArrayBuilder sets = JSON.createArrayBuilder();
        for (EntityType type : database.schema().types()) {
            sets.add(JSON.createObjectBuilder()
                    .add("name", type.name())
                    .add("kind", "EntitySet")
                    .add("url", type.name()));
        }
        return CrmResponse.odata(
                200,
                JSON.createObjectBuilder()
                        .add("@odata.context", serviceUrl + "/$metadata")
                        .add("value", sets)
                        .build());
    }

    private List<Row> query(EntityType type, QueryOptions options) {
        List<Row> rows = new ArrayList<>();
        for (Row row : database.list(type)) {
            if (options.filter == null
                    || FilterEvaluator.matches(
                            options.filter, path -> database.resolve(type, row, path), caseInsensitiveStrings)) {
                rows.add(row);
            }
        }
        return rows;
    }

    private CrmResponse collection(CrmRequest request, String serviceUrl, EntityType type) {
        QueryOptions options = new QueryOptions(database.schema(), type, request.query());
        List<Row> rows = query(type, options);
        if (!options.orderBy.isEmpty()) {
            Comparator<Row> order = null;
            for (QueryOptions.Order clause : options.orderBy) {
                Comparator<Row> byClause = Comparator.comparing(
                        row -> database.resolve(type, row, clause.path()), QueryOptions.valueOrder());
                if (clause.descending()) {
                    byClause = byClause.reversed();
                }
                order = order == null ? byClause : order.thenComparing(byClause);
            }
            rows.sort(order);
        }
        int total = rows.size();
        int from = Math.min(options.skip, total);
        int to = options.top == null ? total : (int) Math.min(total, (long) from + options.top);
        JsonArrayBuilder values = JSON.createArrayBuilder();
        for (Row row : rows.subList(from, to)) {
            values.add(renderWithExpansions(type, row, options));
        }
        String context = serviceUrl + "/$metadata#" + type.name()
                + (options.select == null ? "" : "(" + String.join(",", options.select) + ")");
        JsonObjectBuilder body = JSON.createObjectBuilder().add("@odata.context", context);
        if (options.count) {
            body.add("@odata.count", total);
        }
        return CrmResponse.odata(200, body.add("value", values).build());
    }

    private JsonObjectBuilder renderWithExpansions(EntityType type, Row row, QueryOptions options) {
        JsonObjectBuilder json = EntityJson.render(type, row, options.select);
        for (String navigation : options.expand) {
            Column lookup = type.navigation(navigation).orElseThrow();
            EntityType target = database.schema().require(lookup.target());
            UUID id = (UUID) row.get(lookup.name());
            Row related = id == null ? null : database.find(target, id).orElse(null);
            json.add(
                    navigation,
                    related == null
                            ? JsonValue.NULL
                            : EntityJson.render(target, related, null).build());
        }
        return json;
    }

    private CrmResponse create(CrmRequest request, String serviceUrl, EntityType type) {
        if (failingCreates.test(type.name())) {
            // What Creatio passes on from MS SQL when a statement times out: nothing is stored.
            throw new SandboxException(
                    500,
                    "Execution Timeout Expired.  The timeout period elapsed prior to completion of the operation"
                            + " or the server is not responding. (sandbox failCreatesOf fault)");
        }
        Map<String, Object> values = EntityJson.values(type, JsonBodies.object(request.body(maxJsonBodyBytes)));
        Row row = database.insert(type, values);
        String location = serviceUrl + "/" + type.name() + "(" + row.id() + ")";
        if (request.header("Prefer").orElse("").contains("return=minimal")) {
            return CrmResponse.empty(204)
                    .header("Location", location)
                    .header("OData-EntityId", location)
                    .header("OData-Version", "4.0");
        }
        return CrmResponse.odata(
                        201,
                        JSON.createObjectBuilder()
                                .add("@odata.context", serviceUrl + "/$metadata#" + type.name() + "/$entity")
                                .addAll(EntityJson.render(type, row, null))
                                .build())
                .header("Location", location);
    }

    private CrmResponse record(CrmRequest request, String serviceUrl, EntityType type, UUID id, String property) {
        if (property != null) {
            return property(request, serviceUrl, type, id, property);
        }
        switch (request.method()) {
            case "GET": {
                Row row = database.find(type, id).orElse(null);
                if (row == null) {
                    return CrmResponse.empty(404);
                }
                QueryOptions options = new QueryOptions(database.schema(), type, request.query());
                return CrmResponse.odata(
                        200,
                        JSON.createObjectBuilder()
                                .add("@odata.context", serviceUrl + "/$metadata#" + type.name() + "/$entity")
                                .addAll(renderWithExpansions(type, row, options))
                                .build());
            }
            case "PATCH":
            case "MERGE": {
                Map<String, Object> values = EntityJson.values(type, JsonBodies.object(request.body(maxJsonBodyBytes)));
                database.update(type, id, values);
                return CrmResponse.empty(204);
            }
            case "DELETE":
                database.delete(type, id);
                return CrmResponse.empty(204);
            default:
                throw methodNotAllowed(request);
        }
    }

    private CrmResponse property(CrmRequest request, String serviceUrl, EntityType type, UUID id, String name) {
        Column column = type.requireColumn(name);
        Row row = database.find(type, id)
                .orElseThrow(() -> SandboxException.notFound("No " + type.name() + " record with Id " + id + "."));
        if (column.type() != ColumnType.BINARY) {
            requireMethod(request, "GET");
            return CrmResponse.odata(
                    200,
                    JSON.createObjectBuilder()
                            .add("@odata.context", serviceUrl + "/$metadata#" + type.name() + "(" + id + ")/" + name)
                            .add(
                                    "value",
                                    EntityJson.render(type, row, List.of(name))
                                            .build()
                                            .get(name))
                            .build());
        }
        switch (request.method()) {
            case "GET":
                return database.content(id)
                        .map(file -> CrmResponse.bytes(200, file.mimeType(), file.bytes()))
                        .orElseGet(() -> CrmResponse.empty(204));
            case "PUT": {
                byte[] bytes = readFile(request);
                String mimeType = request.header("Content-Type").orElse("application/octet-stream");
                database.storeContent(type, id, new StoredFile(bytes, mimeType));
                return CrmResponse.empty(200);
            }
            case "DELETE":
                database.clearContent(type, id);
                return CrmResponse.empty(204);
            default:
                throw methodNotAllowed(request);
        }
    }

    private byte[] readFile(CrmRequest request) {
        try {
            return request.body(maxFileSizeBytes);
        } catch (SandboxException e) {
            if (e.status() == 413) {
                throw new SandboxException(
                        413,
                        "The file exceeds the maximum size allowed by the MaxFileSize setting (" + maxFileSizeBytes
                                + " bytes).");
            }
            throw e;
        }
    }

    private static UUID parseKey(String key) {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw SandboxException.badRequest("The key '" + key + "' is not a valid GUID.");
        }
    }

    private static void requireMethod(CrmRequest request, String method) {
        if (!request.method().equals(method)) {
            throw methodNotAllowed(request);
        }
    }

    private static SandboxException methodNotAllowed(CrmRequest request) {
        return new SandboxException(
                405, "The HTTP method " + request.method() + " is not allowed on " + request.path() + ".");
    }
}
