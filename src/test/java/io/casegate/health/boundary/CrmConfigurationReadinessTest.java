package io.casegate.health.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.casegate.crm.boundary.CrmStatus;

/** A node without a CRM is not ready (the check is DOWN exactly when it has data), and says which key to set. */
class CrmConfigurationReadinessTest {

    static CrmStatus with(boolean configured) {
        return new CrmStatus() {
            @Override
            public boolean configured() {
                return configured;
            }
        };
    }

    @Test
    void withoutACrmItIsDownAndNamesTheKey() {
        Map<String, String> data = CrmConfigurationReadiness.data(with(false));
        assertEquals("casegate.crm.url", data.get("set"));
        String reason = data.get("reason");
        assertTrue(reason.contains("casegate.crm.url") && reason.contains("nothing is delivered"), reason);
    }

    @Test
    void withACrmItIsUp() {
        assertTrue(CrmConfigurationReadiness.data(with(true)).isEmpty());
    }
}
