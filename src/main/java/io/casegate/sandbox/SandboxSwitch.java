package io.casegate.sandbox;

import java.util.Optional;

/**
 * Whether the sandbox CRM is mounted: only when {@code casegate.sandbox.enabled} says so. It holds every
 * visitor's personal data and files without a login, so it is never on by inference (an unset or
 * misspelt {@code casegate.crm.url} once turned it on in what was meant as production).
 */
final class SandboxSwitch {

    static final String KEY = "casegate.sandbox.enabled";

    private SandboxSwitch() {}

    /** @param enabled {@code casegate.sandbox.enabled}, when set */
    static boolean isOn(Optional<Boolean> enabled) {
        return enabled.orElse(false);
    }
}
