package io.casegate.crm.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.casegate.crm.control.MappingSelfCheck;
import io.casegate.crm.entity.CrmRejectedException;
import io.casegate.crm.entity.CrmRejectedException.Problem;
import io.casegate.crm.entity.CrmUnavailableException;
import io.casegate.crm.entity.MappingCheck;

/** When the mapping holds delivery back, and for how long. */
class CrmStatusTest {

    static final Instant AT = Instant.parse("2026-12-01T14:00:00Z");

    static CrmStatus with(MappingCheck mapping) {
        return new CrmStatus() {
            @Override
            public MappingCheck mapping() {
                return mapping;
            }

            @Override
            public Duration mappingRecheckInterval() {
                return Duration.ofMinutes(1);
            }
        };
    }

    @Test
    void anInvalidMappingHoldsDeliveryUntilTheNextCheck() {
        assertEquals(
                Optional.of(Duration.ofMinutes(1)),
                with(new MappingCheck(MappingCheck.State.INVALID, AT, List.of(), ""))
                        .mappingHoldsDelivery());
    }

    @Test
    void theFirstCheckSinceStartHoldsDeliveryForAMoment() {
        assertEquals(
                Optional.of(CrmStatus.FIRST_CHECK_WAIT),
                with(MappingCheck.notCheckedYet()).mappingHoldsDelivery());
    }

    @Test
    void aCrmThatCouldNotBeAskedOrAValidMappingLetsDeliveryGoAhead() {
        assertEquals(
                Optional.empty(),
                with(new MappingCheck(MappingCheck.State.NOT_CHECKED, AT, List.of(), "The CRM could not be reached"))
                        .mappingHoldsDelivery());
        assertEquals(
                Optional.empty(),
                with(new MappingCheck(MappingCheck.State.VALID, AT, List.of(), ""))
                        .mappingHoldsDelivery());
    }

    @Test
    void aDeliveryRefusedForAMissingColumnOrLookupWaitsWhenTheSelfCheckFindsItGone() {
        List<String> asked = new ArrayList<>();
        MappingCheck[] found = {new MappingCheck(MappingCheck.State.INVALID, AT, List.of(), "")};
        CrmStatus status = new CrmStatus() {
            @Override
            public Duration mappingRecheckInterval() {
                return Duration.ofMinutes(1);
            }
        };
        status.selfCheck = new MappingSelfCheck() {
            @Override
            public MappingCheck recheck() {
                asked.add("check");
                return found[0];
            }
        };

        assertEquals(
                Optional.of(Duration.ofMinutes(1)),
                status.waitAfterFailure(new CompletionException(new CrmRejectedException(
                        400, "create case failed: Could not find a property named 'UsrINN'", Problem.MAPPING))),
                "a missing column");
        assertEquals(
                Optional.of(Duration.ofMinutes(1)),
                status.waitAfterFailure(new CrmRejectedException(
                        500, "violates foreign key constraint \"FKCaseOriginId\"", Problem.CONSTRAINT)),
                "a lookup row gone");
        assertEquals(2, asked.size());

        assertEquals(
                Optional.empty(),
                status.waitAfterFailure(new CrmRejectedException(400, "value too long", Problem.DATA)),
                "this record's own data");
        assertEquals(Optional.empty(), status.waitAfterFailure(new CrmUnavailableException("HTTP 503", null)));
        assertEquals(2, asked.size(), "not checked for this record's data, nor for a CRM that is down");

        found[0] = new MappingCheck(MappingCheck.State.VALID, AT, List.of(), "");
        assertEquals(
                Optional.empty(),
                status.waitAfterFailure(
                        new CrmRejectedException(500, "violates foreign key constraint \"FKX\"", Problem.CONSTRAINT)),
                "the mapping is whole: the refusal is this record's, a dead letter");
    }
}
