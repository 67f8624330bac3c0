package io.casegate.sandbox;

import java.util.Optional;

/**
 * Whether the sandbox CRM is mounted. A real deployment must never talk to a fake CRM by accident,
 * so the sandbox is on by default only while no real CRM is configured (the demo).
 */
final class SandboxSwitch {

    private SandboxSwitch() {}

    /**
     * @param enabled {@code casegate.sandbox.enabled}, when set
     * @param crmUrl  {@code casegate.crm.url}, when set
     */
    static boolean isOn(Optional<Boolean> enabled, Optional<String> crmUrl) {
        if (enabled.isPresent()) {
            return enabled.get();
        }
        return crmUrl.map(String::isBlank).orElse(true);
    }
}
