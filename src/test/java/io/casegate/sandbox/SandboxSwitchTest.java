package io.casegate.sandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class SandboxSwitchTest {

    @Test
    void onByDefaultWhileNoCrmIsConfigured() {
        assertTrue(SandboxSwitch.isOn(Optional.empty(), Optional.empty()));
        assertTrue(SandboxSwitch.isOn(Optional.empty(), Optional.of("  ")));
    }

    @Test
    void offOnceACrmUrlIsConfigured() {
        assertFalse(SandboxSwitch.isOn(Optional.empty(), Optional.of("https://crm.example.ru")));
    }

    @Test
    void anExplicitSwitchWins() {
        assertTrue(SandboxSwitch.isOn(Optional.of(true), Optional.of("https://crm.example.ru")));
        assertFalse(SandboxSwitch.isOn(Optional.of(false), Optional.empty()));
    }
}
