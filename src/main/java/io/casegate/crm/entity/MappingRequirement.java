package io.casegate.crm.entity;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One thing the CRM mapping needs the CRM to have: an entity set, a column of it, or a lookup
 * record read by its id; and the configuration key an operator changes when it is missing. The
 * mapping lists them; the self-check looks each up in {@code $metadata} or by id.
 */
public record MappingRequirement(String entitySet, Optional<String> column, Optional<UUID> recordId, String configKey) {

    public MappingRequirement {
        Objects.requireNonNull(entitySet);
        Objects.requireNonNull(column);
        Objects.requireNonNull(recordId);
        Objects.requireNonNull(configKey);
    }

    public static MappingRequirement entitySet(String entitySet, String configKey) {
        return new MappingRequirement(entitySet, Optional.empty(), Optional.empty(), configKey);
    }

    public static MappingRequirement column(String entitySet, String column, String configKey) {
        return new MappingRequirement(entitySet, Optional.of(column), Optional.empty(), configKey);
    }

    public static MappingRequirement record(String entitySet, UUID id, String configKey) {
        return new MappingRequirement(entitySet, Optional.empty(), Optional.of(id), configKey);
    }
}
