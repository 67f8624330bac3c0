package io.casegate.sandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class SandboxSwitchTest {

    @Test
    void offUnlessSaidSo() {
        assertFalse(SandboxSwitch.isOn(Optional.empty()), "unset: off, whatever casegate.crm.url is");
        assertFalse(SandboxSwitch.isOn(Optional.of(false)));
    }

    @Test
    void onWhenEnabled() {
        assertTrue(SandboxSwitch.isOn(Optional.of(true)));
    }
}
