package io.casegate.crm.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.casegate.crm.entity.CrmRejectedException;
import io.casegate.crm.entity.MappingCheck;
import io.casegate.crm.entity.MappingRequirement;
import io.casegate.crm.entity.RequirementCheck;
import io.casegate.crm.entity.RequirementCheck.Finding;

/**
 * Holds the mapping's requirements against the CRM's CSDL and its lookup records. Entity sets and
 * columns are looked up in {@code $metadata}; a record is read by its id, and only when its entity
 * set exists. Each record is read once per check, however many requirements name it.
 */
final class MappingVerifier {

    /** Reads a record by id: true when it exists, false on 404. */
    @FunctionalInterface
    interface Records {
        /**
         * @throws CrmRejectedException when the CRM refuses the read (the requirement is unreadable)
         * @throws io.casegate.crm.entity.CrmException of another kind when the CRM cannot be asked: the
         *     whole check is then "not checked yet"
         */
        boolean exists(String entitySet, UUID id);
    }

    private MappingVerifier() {}

    static MappingCheck verify(
            List<MappingRequirement> requirements, ODataMetadata metadata, Records records, Instant now) {
        List<RequirementCheck> checks = new ArrayList<>();
        Map<String, RequirementCheck> recordsRead = new HashMap<>();
        for (MappingRequirement requirement : requirements) {
            checks.add(check(requirement, metadata, records, recordsRead));
        }
        boolean valid = checks.stream().noneMatch(RequirementCheck::missing);
        return new MappingCheck(valid ? MappingCheck.State.VALID : MappingCheck.State.INVALID, now, checks, "");
    }

    /** Every requirement as not checked, for a check the CRM did not let happen. */
    static MappingCheck notChecked(List<MappingRequirement> requirements, Instant now, String problem) {
        return new MappingCheck(
                MappingCheck.State.NOT_CHECKED,
                now,
                requirements.stream()
                        .map(requirement -> new RequirementCheck(requirement, Finding.NOT_CHECKED, ""))
                        .toList(),
                problem);
    }

    private static RequirementCheck check(
            MappingRequirement requirement,
            ODataMetadata metadata,
            Records records,
            Map<String, RequirementCheck> recordsRead) {
        String set = requirement.entitySet();
        if (!metadata.hasEntitySet(set)) {
            return new RequirementCheck(requirement, Finding.NO_ENTITY_SET, "");
        }
        if (requirement.column().isPresent()
                && !metadata.hasColumn(set, requirement.column().get()).orElse(false)) {
            return new RequirementCheck(requirement, Finding.NO_COLUMN, "");
        }
        if (requirement.recordId().isPresent()) {
            UUID id = requirement.recordId().get();
            RequirementCheck read = recordsRead.computeIfAbsent(set + "(" + id + ")", key -> {
                try {
                    return new RequirementCheck(
                            requirement, records.exists(set, id) ? Finding.PRESENT : Finding.NO_RECORD, "");
                } catch (CrmRejectedException refused) {
                    return new RequirementCheck(requirement, Finding.UNREADABLE, refused.getMessage());
                }
            });
            return new RequirementCheck(requirement, read.finding(), read.detail());
        }
        return new RequirementCheck(requirement, Finding.PRESENT, "");
    }
}
