package io.casegate.cases.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import io.casegate.crm.boundary.CrmStatus;
import io.casegate.crm.entity.MappingCheck;
import io.casegate.crm.entity.MappingRequirement;
import io.casegate.crm.entity.RequirementCheck;
import io.casegate.delivery.entity.DeliveryDeferred;
import io.casegate.delivery.entity.OutboxEntry;

/**
 * While the CRM lacks what the mapping names, or there is no CRM at all, a delivery waits instead of
 * failing towards a dead letter.
 */
class CaseOpenerMappingTest {

    static final class FixedStatus extends CrmStatus {
        final MappingCheck mapping;
        final boolean configured;

        FixedStatus(MappingCheck mapping) {
            this(mapping, true);
        }

        FixedStatus(MappingCheck mapping, boolean configured) {
            this.mapping = mapping;
            this.configured = configured;
        }

        @Override
        public boolean configured() {
            return configured;
        }

        @Override
        public MappingCheck mapping() {
            return mapping;
        }

        @Override
        public Duration mappingRecheckInterval() {
            return Duration.ofMinutes(1);
        }
    }

    @Test
    void anInvalidMappingDefersTheDeliveryWithoutTouchingTheCrm() {
        CaseOpener cut = new CaseOpener();
        cut.crm = new FixedStatus(new MappingCheck(
                MappingCheck.State.INVALID,
                Instant.parse("2026-12-01T14:00:00Z"),
                List.of(new RequirementCheck(
                        MappingRequirement.column("Account", "INN", "casegate.crm.account-inn-column"),
                        RequirementCheck.Finding.NO_COLUMN,
                        "")),
                ""));
        // No workflow, no steps: anything beyond the mapping check would fail with a NullPointerException.
        OutboxEntry entry = new OutboxEntry("deliver-case", UUID.randomUUID(), Instant.now());

        ExecutionException failed = assertThrows(
                ExecutionException.class,
                () -> cut.handle(entry).toCompletableFuture().get());

        DeliveryDeferred deferred = assertInstanceOf(DeliveryDeferred.class, failed.getCause());
        assertEquals(Duration.ofMinutes(1), deferred.after());
        assertTrue(
                deferred.getMessage().contains("Account.INN (change casegate.crm.account-inn-column)"),
                deferred.getMessage());
    }

    @Test
    void withoutACrmTheDeliveryWaitsWithoutCallingAnything() {
        CaseOpener cut = new CaseOpener();
        cut.crm = new FixedStatus(MappingCheck.notCheckedYet(), false);
        // No workflow, no steps, no CRM client: anything beyond the check would fail with a NullPointerException.
        OutboxEntry entry = new OutboxEntry("deliver-case", UUID.randomUUID(), Instant.now());

        ExecutionException failed = assertThrows(
                ExecutionException.class,
                () -> cut.handle(entry).toCompletableFuture().get());

        DeliveryDeferred deferred = assertInstanceOf(DeliveryDeferred.class, failed.getCause());
        assertEquals(Duration.ofMinutes(1), deferred.after());
        assertTrue(deferred.getMessage().contains("casegate.crm.url"), deferred.getMessage());
    }
}
