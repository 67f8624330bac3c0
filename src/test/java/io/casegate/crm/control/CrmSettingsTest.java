package io.casegate.crm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.casegate.testing.MapConfig;

class CrmSettingsTest {

    @Test
    void withoutACrmUrlAndWithoutTheSandboxThereIsNoCrmAndNoDemoCredential() {
        CrmSettings settings = CrmSettings.from(MapConfig.of(Map.of()));
        assertFalse(settings.crmConfigured());
        assertEquals(null, settings.crmUrl(URI.create("http://127.0.0.1:8080/casegate")));
        assertEquals("", settings.username());
        assertEquals("", settings.password());
        assertEquals("", settings.clientSecret());
        assertTrue(settings.toString().contains("url=(none)"), settings.toString());
    }

    @Test
    void aMisspeltCrmUrlKeyDoesNotTurnTheSandboxOn() {
        CrmSettings settings = CrmSettings.from(MapConfig.of(Map.of("casegate.crm.uri", "https://crm.example.com")));
        assertFalse(settings.crmConfigured());
        assertEquals("", settings.username());
    }

    @Test
    void withTheSandboxOnAndNoCrmUrlCasegateUsesItsSandboxAndItsDemoCredentials() {
        CrmSettings settings = CrmSettings.from(MapConfig.of(Map.of("casegate.sandbox.enabled", "true")));
        assertTrue(settings.crmConfigured());
        assertEquals(
                URI.create("http://127.0.0.1:8080/casegate/sandbox"),
                settings.crmUrl(URI.create("http://127.0.0.1:8080/casegate")));
        assertEquals("Supervisor", settings.username());
        assertEquals(Duration.ofMinutes(50), settings.sessionLifetime());
        assertEquals(CrmMapping.MessageTarget.ACTIVITY, settings.mapping().messageTarget());
        assertEquals(CrmMapping.AttachmentTarget.CASE, settings.mapping().attachmentTarget());
        assertEquals(10L * 1024 * 1024, settings.maxFileSizeBytes());
        assertEquals(Optional.empty(), settings.mapping().accountInnColumn(), "a base Creatio has no INN column");
    }

    @Test
    void aRealCrmHasNoDefaultCredentialsAndSecretsNeverPrint() {
        CrmSettings settings = CrmSettings.from(MapConfig.of(Map.of(
                "casegate.crm.url", "https://crm.example.com/",
                "casegate.crm.password", "s3cret-pass",
                "casegate.crm.auth", "oauth",
                "casegate.crm.client-secret", "s3cret-client",
                "casegate.crm.message-target", "case-message-history",
                "casegate.crm.external-file-types", "mp4, .MOV",
                "casegate.crm.account-inn-column", " ")));
        assertTrue(settings.crmConfigured());
        assertEquals("", settings.username());
        assertEquals(URI.create("https://crm.example.com/connect/token"), settings.tokenUrl(settings.crmUrl(null)));
        assertEquals(CrmSettings.Authentication.OAUTH, settings.authentication());
        assertEquals(
                CrmMapping.MessageTarget.CASE_MESSAGE_HISTORY,
                settings.mapping().messageTarget());
        assertEquals(Set.of("mp4", "mov"), settings.externalFileTypes());
        assertTrue(settings.isExternalFileType("Запись.MOV"));
        assertEquals(Optional.empty(), settings.mapping().accountInnColumn(), "blank: the default, none");
        assertFalse(settings.toString().contains("s3cret"), settings.toString());
    }
}
