package io.casegate.feedback.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void noConfiguredKeyClosesTheApi() {
        assertEquals(ApiKeys.Verdict.CLOSED, new ApiKeys(Optional.empty()).check("anything"));
        assertEquals(ApiKeys.Verdict.CLOSED, new ApiKeys(Optional.of(" , ")).check("anything"));
    }

    @Test
    void anyOfTheConfiguredKeysIsAccepted() {
        ApiKeys cut = new ApiKeys(Optional.of("first-key, second-key"));
        assertEquals(ApiKeys.Verdict.ACCEPTED, cut.check("first-key"));
        assertEquals(ApiKeys.Verdict.ACCEPTED, cut.check("second-key"));
        assertEquals(ApiKeys.Verdict.WRONG, cut.check("first-ke"));
        assertEquals(ApiKeys.Verdict.WRONG, cut.check("first-key, second-key"));
        assertEquals(ApiKeys.Verdict.MISSING, cut.check(null));
        assertEquals(ApiKeys.Verdict.MISSING, cut.check(" "));
    }

    @Test
    void clientIdsKeepKeysApartWithoutRevealingThem() {
        assertEquals(ApiKeys.clientIdOf("first-key"), ApiKeys.clientIdOf(" first-key "));
        assertNotEquals(ApiKeys.clientIdOf("first-key"), ApiKeys.clientIdOf("second-key"));
        assertEquals(16, ApiKeys.clientIdOf("first-key").length());
    }
}
