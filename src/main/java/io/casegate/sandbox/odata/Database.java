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
import java.util.Set;
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
    private final Schema schema;
    /** Guards the contact ↔ ContactCommunication synchronisation, which spans two tables. */
    private final Object communications = new Object();

    public Database(Clock clock, Schema schema) {
        this.clock = clock;
        this.schema = schema;
        for (EntityType type : schema.types()) {
            tables.put(type.name(), new ConcurrentHashMap<>());
        }
        Seed.into(this);
    }

    public Schema schema() {
        return schema;
    }

    public Row insert(EntityType type, Map<String, Object> given) {
        if (!synchronises(type)) {
            return store(type, given);
        }
        synchronized (communications) {
            Row row = store(type, given);
            if (type.name().equals(Schema.CONTACT)) {
                contactSaved(null, row);
            } else {
                communicationSaved(null, row);
            }
            return find(type, row.id()).orElse(row);
        }
    }

    private Row store(EntityType type, Map<String, Object> given) {
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

    private static boolean synchronises(EntityType type) {
        return type.name().equals(Schema.CONTACT) || type.name().equals(Schema.CONTACT_COMMUNICATION);
    }

    /**
     * Creatio's CommunicationSynchronizer (CommunicationSynchronizer.CrtBase.cs): a contact column that
     * gets a value creates the row of its type (marked IsCreatedBySynchronization), a changed value
     * updates that row, a cleared one deletes it.
     */
    private void contactSaved(Row before, Row after) {
        EntityType rows = schema.require(Schema.CONTACT_COMMUNICATION);
        for (Map.Entry<String, UUID> entry : Communications.CONTACT_COLUMNS.entrySet()) {
            String oldValue = before == null ? "" : before.text(entry.getKey());
            String newValue = after.text(entry.getKey());
            if (oldValue.equals(newValue)) {
                continue;
            }
            UUID typeId = entry.getValue();
            List<Row> ofType = communicationsOf(after.id(), typeId);
            Optional<Row> synced = ofType.stream()
                    .filter(row -> Boolean.TRUE.equals(row.get("IsCreatedBySynchronization")))
                    .findFirst()
                    .or(() -> ofType.stream()
                            .filter(row ->
                                    !oldValue.isEmpty() && row.text("Number").equals(oldValue))
                            .findFirst());
            if (newValue.isEmpty()) {
                synced.ifPresent(row -> table(rows).remove(row.id()));
            } else if (synced.isPresent()) {
                Map<String, Object> changes = new LinkedHashMap<>();
                changes.put("Number", newValue);
                changes.put("SearchNumber", Communications.searchNumber(typeId, newValue));
                changes.put("ModifiedOn", clock.instant());
                table(rows).computeIfPresent(synced.get().id(), (key, row) -> row.with(changes));
            } else {
                boolean first = ofType.stream().noneMatch(row -> !Boolean.TRUE.equals(row.get("NonActual")));
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("ContactId", after.id());
                values.put("CommunicationTypeId", typeId);
                values.put("Number", newValue);
                values.put("IsCreatedBySynchronization", true);
                values.put("Primary", first);
                store(rows, values);
            }
        }
    }

    /**
     * BaseCommunication.CrtBase.cs: the first actual row of a type becomes primary, a row saved as
     * primary takes that role from the others, and the primary row's number is written back to the
     * contact's column of that type.
     */
    private void communicationSaved(Row before, Row after) {
        UUID contactId = (UUID) after.get("ContactId");
        UUID typeId = (UUID) after.get("CommunicationTypeId");
        if (contactId == null || typeId == null) {
            return;
        }
        EntityType rows = schema.require(Schema.CONTACT_COMMUNICATION);
        boolean nonActual = Boolean.TRUE.equals(after.get("NonActual"));
        boolean primary = Boolean.TRUE.equals(after.get("Primary")) && !nonActual;
        boolean othersActual = communicationsOf(contactId, typeId).stream()
                .anyMatch(row -> !row.id().equals(after.id()) && !Boolean.TRUE.equals(row.get("NonActual")));
        if (!primary && !nonActual && before == null && !othersActual) {
            primary = true;
        }
        if (primary != Boolean.TRUE.equals(after.get("Primary"))) {
            boolean value = primary;
            table(rows).computeIfPresent(after.id(), (key, row) -> row.with(Map.of("Primary", value)));
        }
        if (!primary) {
            return;
        }
        for (Row other : communicationsOf(contactId, typeId)) {
            if (!other.id().equals(after.id()) && Boolean.TRUE.equals(other.get("Primary"))) {
                table(rows).computeIfPresent(other.id(), (key, row) -> row.with(Map.of("Primary", false)));
            }
        }
        Communications.contactColumn(typeId)
                .ifPresent(column -> table(schema.require(Schema.CONTACT))
                        .computeIfPresent(
                                contactId,
                                (key, row) ->
                                        row.with(Map.of(column, after.text("Number"), "ModifiedOn", clock.instant()))));
    }

    /** A deleted primary row hands the contact's column to the newest actual row of its type, or clears it. */
    private void communicationDeleted(Row deleted) {
        UUID contactId = (UUID) deleted.get("ContactId");
        UUID typeId = (UUID) deleted.get("CommunicationTypeId");
        if (contactId == null || typeId == null || !Boolean.TRUE.equals(deleted.get("Primary"))) {
            return;
        }
        Optional<Row> next = communicationsOf(contactId, typeId).stream()
                .filter(row -> !Boolean.TRUE.equals(row.get("NonActual")))
                .reduce((first, second) -> second);
        next.ifPresent(row -> table(schema.require(Schema.CONTACT_COMMUNICATION))
                .computeIfPresent(row.id(), (key, current) -> current.with(Map.of("Primary", true))));
        String number = next.map(row -> row.text("Number")).orElse("");
        Communications.contactColumn(typeId)
                .ifPresent(column -> table(schema.require(Schema.CONTACT))
                        .computeIfPresent(
                                contactId,
                                (key, row) -> row.with(Map.of(column, number, "ModifiedOn", clock.instant()))));
    }

    private List<Row> communicationsOf(UUID contactId, UUID typeId) {
        return list(schema.require(Schema.CONTACT_COMMUNICATION)).stream()
                .filter(row -> contactId.equals(row.get("ContactId")) && typeId.equals(row.get("CommunicationTypeId")))
                .toList();
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
            case Schema.ACTIVITY -> {
                // The column defaults of ActivitySchema.CrtBase.cs; "current user contact" is the sandbox's user.
                Instant now = (Instant) values.get("CreatedOn");
                values.computeIfAbsent("StartDate", key -> now);
                values.computeIfAbsent("DueDate", key -> now);
                values.computeIfAbsent("PriorityId", key -> Lookups.ACTIVITY_PRIORITY_MEDIUM);
                values.computeIfAbsent("AuthorId", key -> Lookups.SUPERVISOR);
                values.computeIfAbsent("OwnerId", key -> Lookups.SUPERVISOR);
                values.computeIfAbsent("OrganizerId", key -> Lookups.SUPERVISOR);
                values.computeIfAbsent("TypeId", key -> Lookups.ACTIVITY_TYPE_TASK);
                values.computeIfAbsent("ActivityCategoryId", key -> Lookups.ACTIVITY_CATEGORY_DO_IT);
                values.computeIfAbsent("StatusId", key -> Lookups.ACTIVITY_STATUS_NOT_STARTED);
                values.computeIfAbsent("CallDirectionId", key -> Lookups.CALL_DIRECTION_INCOMING);
                if (values.get("Color").toString().isEmpty()) {
                    values.put("Color", "#405f97");
                }
            }
            case Schema.CONTACT -> values.putAll(ContactNames.complete(values));
            case Schema.CONTACT_COMMUNICATION ->
                values.put(
                        "SearchNumber", Communications.searchNumber((UUID) values.get("CommunicationTypeId"), (String)
                                values.get("Number")));
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
        if (!synchronises(type)) {
            change(type, id, changes);
            return;
        }
        synchronized (communications) {
            Row before = find(type, id).orElse(null);
            Row after = change(type, id, changes);
            if (type.name().equals(Schema.CONTACT)) {
                contactSaved(before, after);
            } else {
                communicationSaved(before, after);
            }
        }
    }

    private Row change(EntityType type, UUID id, Map<String, Object> changes) {
        Map<String, Object> values = new LinkedHashMap<>();
        changes.forEach(
                (name, value) -> values.put(name, value == null ? emptyValue(type.requireColumn(name)) : value));
        values.remove("Id");
        values.put("ModifiedOn", clock.instant());
        checkReferences(type, values);
        Row updated = table(type).computeIfPresent(id, (key, row) -> {
            Row changed = row.with(values);
            if (type.name().equals(Schema.CONTACT_COMMUNICATION)) {
                changed = changed.with(Map.of(
                        "SearchNumber",
                        Communications.searchNumber(
                                (UUID) changed.get("CommunicationTypeId"), changed.text("Number"))));
            }
            return changed;
        });
        if (updated == null) {
            throw SandboxException.notFound("No " + type.name() + " record with Id " + id + ".");
        }
        return updated;
    }

    /**
     * Deletes a record. Details that Creatio deletes in cascade go with it: a case's files and history,
     * a contact's communications (ContactCommunication.Contact is a cascade column). Other references
     * refuse the delete before anything is removed.
     */
    void delete(EntityType type, UUID id) {
        if (find(type, id).isEmpty()) {
            throw SandboxException.notFound("No " + type.name() + " record with Id " + id + ".");
        }
        Set<String> cascaded = switch (type.name()) {
            case Schema.CASE -> Set.of(Schema.CASE_FILE, Schema.CASE_MESSAGE_HISTORY);
            case Schema.CONTACT -> Set.of(Schema.CONTACT_COMMUNICATION);
            default -> Set.of();
        };
        for (EntityType referring : schema.types()) {
            if (cascaded.contains(referring.name())) {
                continue;
            }
            for (Column column : referring.columns()) {
                if (type.name().equals(column.target())
                        && !column.name().equals("CreatedById")
                        && !column.name().equals("ModifiedById")) {
                    boolean referenced = table(referring).values().stream()
                            .anyMatch(row -> id.equals(row.get(column.name())) && !id.equals(row.id()));
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
        if (type.name().equals(Schema.CASE)) {
            deleteWhere(schema.require(Schema.CASE_FILE), "CaseId", id);
            deleteWhere(schema.require(Schema.CASE_MESSAGE_HISTORY), "CaseId", id);
        }
        if (synchronises(type)) {
            synchronized (communications) {
                if (type.name().equals(Schema.CONTACT)) {
                    deleteWhere(schema.require(Schema.CONTACT_COMMUNICATION), "ContactId", id);
                    table(type).remove(id);
                } else {
                    Row deleted = table(type).remove(id);
                    if (deleted != null) {
                        communicationDeleted(deleted);
                    }
                }
            }
            return;
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
            current = schema.require(lookup.target());
            currentRow = target == null ? null : find(current, target).orElse(null);
        }
        throw SandboxException.badRequest("An empty property path.");
    }

    /** The column type at the end of a property path, checking that the path exists. */
    static ColumnType typeOf(Schema schema, EntityType type, List<String> path) {
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
            current = schema.require(lookup.target());
        }
        return current.requireColumn(path.get(path.size() - 1)).type();
    }

    private void checkReferences(EntityType type, Map<String, Object> values) {
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            Column column = type.requireColumn(entry.getKey());
            if (column.target() != null
                    && entry.getValue() instanceof UUID target
                    && !target.equals(values.get("Id"))
                    && find(schema.require(column.target()), target).isEmpty()) {
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
