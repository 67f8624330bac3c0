package io.casegate.sandbox.odata;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.casegate.sandbox.http.SandboxException;

/**
 * The sandbox CRM's data, in memory. Every record operation is atomic per record (a
 * {@link ConcurrentHashMap} of immutable {@link Row}s); reference checks read the current state and
 * are not transactional across entity sets, which is enough for a sandbox.
 */
public final class Database {

    private final Map<String, Map<UUID, Row>> tables = new ConcurrentHashMap<>();
    private final Map<UUID, StoredFile> fileContents = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong caseNumbers = new AtomicLong();
    private final Clock clock;

    public Database(Clock clock) {
        this.clock = clock;
        for (EntityType type : Schema.types()) {
            tables.put(type.name(), new ConcurrentHashMap<>());
        }
        Seed.into(this);
    }

    public Row insert(EntityType type, Map<String, Object> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (Column column : type.columns()) {
            if (column.type() != ColumnType.BINARY) {
                values.put(column.name(), emptyValue(column));
            }
        }
        values.put("Id", UUID.randomUUID());
        values.put("CreatedOn", now);
        values.put("ModifiedOn", now);
        values.put("CreatedById", Lookups.SUPERVISOR);
        values.put("ModifiedById", Lookups.SUPERVISOR);
        given.forEach((name, value) -> values.put(name, value == null ? emptyValue(type.requireColumn(name)) : value));
        applyDefaults(type, values);
        checkReferences(type, values);
        Row row = new Row(sequence.incrementAndGet(), values);
        Row existing = table(type).putIfAbsent(row.id(), row);
        if (existing != null) {
            throw new SandboxException(
                    500,
                    "23505: duplicate key value violates unique constraint \"PK" + type.name()
                            + "\"\nDETAIL: Key (\"Id\")=(" + row.id() + ") already exists.");
        }
        return row;
    }

    private void applyDefaults(EntityType type, Map<String, Object> values) {
        switch (type.name()) {
            case Schema.CASE -> {
                if (values.get("Number").toString().isEmpty()) {
                    values.put("Number", String.format("SR%08d", caseNumbers.incrementAndGet()));
                }
                values.computeIfAbsent("StatusId", key -> Lookups.CASE_STATUS_DEFAULT);
                values.computeIfAbsent("PriorityId", key -> Lookups.CASE_PRIORITY_DEFAULT);
                values.computeIfAbsent("OriginId", key -> Lookups.CASE_ORIGIN_DEFAULT);
            }
            case Schema.CONTACT -> values.putAll(ContactNames.complete(values));
            case Schema.CASE_FILE -> {
                values.computeIfAbsent("TypeId", key -> Lookups.FILE_TYPE_FILE);
                if (Long.valueOf(0).equals(values.get("Version"))) {
                    values.put("Version", 1L);
                }
            }
            default -> {}
        }
    }

    void update(EntityType type, UUID id, Map<String, Object> changes) {
        Map<String, Object> values = new LinkedHashMap<>();
        changes.forEach(
                (name, value) -> values.put(name, value == null ? emptyValue(type.requireColumn(name)) : value));
        values.remove("Id");
        values.put("ModifiedOn", clock.instant());
        checkReferences(type, values);
        Row updated = table(type).computeIfPresent(id, (key, row) -> row.with(values));
        if (updated == null) {
            throw SandboxException.notFound("No " + type.name() + " record with Id " + id + ".");
        }
    }

    /** Deletes a record; details that Creatio deletes in cascade (a case's files and history) go with it. */
    void delete(EntityType type, UUID id) {
        if (find(type, id).isEmpty()) {
            throw SandboxException.notFound("No " + type.name() + " record with Id " + id + ".");
        }
        if (type.name().equals(Schema.CASE)) {
            deleteWhere(Schema.require(Schema.CASE_FILE), "CaseId", id);
            deleteWhere(Schema.require(Schema.CASE_MESSAGE_HISTORY), "CaseId", id);
        }
        for (EntityType referring : Schema.types()) {
            for (Column column : referring.columns()) {
                if (type.name().equals(column.target())
                        && !column.name().equals("CreatedById")
                        && !column.name().equals("ModifiedById")) {
                    boolean referenced =
                            table(referring).values().stream().anyMatch(row -> id.equals(row.get(column.name())));
                    if (referenced) {
                        throw new SandboxException(
                                500,
                                "23503: update or delete on table \"" + type.name()
                                        + "\" violates foreign key constraint \"FK" + referring.name() + type.name()
                                        + column.name()
                                        + "\" on table \"" + referring.name() + "\"\nDETAIL: Key (\"Id\")=(" + id
                                        + ") is still referenced from table \"" + referring.name() + "\".");
                    }
                }
            }
        }
        if (table(type).remove(id) != null && type.name().equals(Schema.CASE_FILE)) {
            fileContents.remove(id);
        }
    }

    private void deleteWhere(EntityType type, String column, UUID value) {
        table(type).values().removeIf(row -> {
            boolean match = value.equals(row.get(column));
            if (match) {
                fileContents.remove(row.id());
            }
            return match;
        });
    }

    public Optional<Row> find(EntityType type, UUID id) {
        return Optional.ofNullable(table(type).get(id));
    }

    /** All records of a set, oldest first. */
    public List<Row> list(EntityType type) {
        List<Row> rows = new ArrayList<>(table(type).values());
        rows.sort(Comparator.comparingLong(Row::sequence));
        return rows;
    }

    public Optional<StoredFile> content(UUID fileId) {
        return Optional.ofNullable(fileContents.get(fileId));
    }

    /** Stores a file's content and records its size on the file record. */
    public void storeContent(EntityType type, UUID fileId, StoredFile content) {
        update(type, fileId, Map.of("Size", (long) content.bytes().length, "TotalSize", (long) content.bytes().length));
        fileContents.put(fileId, content);
    }

    void clearContent(EntityType type, UUID fileId) {
        update(type, fileId, Map.of("Size", 0L, "TotalSize", 0L));
        fileContents.remove(fileId);
    }

    /**
     * The value of a property path of a record: {@code Name}, or through lookups {@code Contact/Name},
     * {@code Contact/Account/Name}. Unknown paths are a 400.
     */
    Object resolve(EntityType type, Row row, List<String> path) {
        EntityType current = type;
        Row currentRow = row;
        for (int i = 0; i < path.size(); i++) {
            String segment = path.get(i);
            boolean last = i == path.size() - 1;
            if (last) {
                Column column = current.requireColumn(segment);
                return currentRow == null ? null : currentRow.get(column.name());
            }
            Column lookup = current.navigation(segment)
                    .orElseThrow(() -> SandboxException.badRequest(
                            "The navigation property '" + segment + "' does not exist on the entity set."));
            UUID target = currentRow == null ? null : (UUID) currentRow.get(lookup.name());
            if (lookup.target() == null) {
                if (i + 2 == path.size() && path.get(i + 1).equals("Id")) {
                    return target;
                }
                throw SandboxException.badRequest("The sandbox does not model the table behind '" + segment + "'; only "
                        + segment + "/Id can be filtered.");
            }
            current = Schema.require(lookup.target());
            currentRow = target == null ? null : find(current, target).orElse(null);
        }
        throw SandboxException.badRequest("An empty property path.");
    }

    /** The column type at the end of a property path, checking that the path exists. */
    static ColumnType typeOf(EntityType type, List<String> path) {
        EntityType current = type;
        for (int i = 0; i < path.size() - 1; i++) {
            String segment = path.get(i);
            Column lookup = current.navigation(segment)
                    .orElseThrow(() -> SandboxException.badRequest("The navigation property '" + segment
                            + "' does not exist on type 'Terrasoft.Configuration." + type.name() + "'."));
            if (lookup.target() == null) {
                if (i + 2 == path.size() && path.get(i + 1).equals("Id")) {
                    return ColumnType.GUID;
                }
                throw SandboxException.badRequest("The sandbox does not model the table behind '" + segment + "'; only "
                        + segment + "/Id can be used.");
            }
            current = Schema.require(lookup.target());
        }
        return current.requireColumn(path.get(path.size() - 1)).type();
    }

    private void checkReferences(EntityType type, Map<String, Object> values) {
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            Column column = type.requireColumn(entry.getKey());
            if (column.target() != null
                    && entry.getValue() instanceof UUID target
                    && !target.equals(values.get("Id"))
                    && find(Schema.require(column.target()), target).isEmpty()) {
                throw new SandboxException(
                        500,
                        "23503: insert or update on table \"" + type.name()
                                + "\" violates foreign key constraint \"FK" + type.name() + column.name()
                                + "\"\nDETAIL: Key (\""
                                + column.name() + "\")=(" + target + ") is not present in table \"" + column.target()
                                + "\".");
            }
        }
    }

    private static Object emptyValue(Column column) {
        return switch (column.type()) {
            case TEXT -> "";
            case INTEGER -> 0L;
            case DECIMAL -> BigDecimal.ZERO;
            case BOOLEAN -> false;
            default -> null;
        };
    }

    private Map<UUID, Row> table(EntityType type) {
        return tables.get(type.name());
    }
}
