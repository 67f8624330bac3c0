package io.casegate.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.casegate.testing.MapConfig;

class BrandingTest {

    @TempDir
    Path directory;

    @Test
    void theOperatorsTextsOverrideTheBundlesPerLanguage() throws IOException {
        Files.writeString(
                directory.resolve("messages.properties"), "consent.operator=ООО «Ромашка»\n", StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("messages_en.properties"), "consent.operator=Romashka LLC\n");
        Branding branding = Branding.of(directory);
        assertEquals("ООО «Ромашка»", branding.text(Locale.forLanguageTag("ru"), "consent.operator"));
        assertEquals("Romashka LLC", branding.text(Locale.ENGLISH, "consent.operator"));
        assertNull(branding.text(Locale.ENGLISH, "app.title"), "a key not given keeps Casegate's text");
    }

    @Test
    void onlyPlainFilesOfKnownTypesDirectlyInTheDirectoryAreServed() throws IOException {
        Files.writeString(directory.resolve("branding.css"), ":root { --accent: #0057b8; }");
        Files.writeString(directory.resolve("logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Files.writeString(directory.resolve("messages.properties"), "app.title=x");
        Files.writeString(directory.resolve(".hidden.css"), "x");
        Files.createDirectories(directory.resolve("sub"));
        Files.writeString(directory.resolve("sub/inner.css"), "x");
        Path outside = Files.writeString(directory.getParent().resolve("outside-" + System.nanoTime() + ".css"), "x");
        Files.createSymbolicLink(directory.resolve("link.css"), outside);
        Branding branding = Branding.of(directory);

        assertTrue(branding.hasStylesheet());
        assertEquals("logo.svg", branding.logo());
        assertEquals(
                Optional.of(directory.toAbsolutePath().normalize().resolve("branding.css")),
                branding.servedFile("branding.css"));
        assertEquals("text/css;charset=UTF-8", Branding.type("branding.css"));
        for (String name : List.of(
                "messages.properties",
                ".hidden.css",
                "sub/inner.css",
                "../" + outside.getFileName(),
                "..%2F" + outside.getFileName(),
                "link.css",
                "..",
                "",
                "/etc/passwd",
                "missing.css")) {
            assertEquals(Optional.empty(), branding.servedFile(name), name);
        }
        Files.delete(outside);
    }

    @Test
    void referencesToOtherKeysAreExpandedOnce() {
        Map<String, String> texts = Map.of("support.hours", "с 8:00 до 20:00", "loop", "${loop}");
        assertEquals("Звоните с 8:00 до 20:00.", Texts.expand("Звоните ${support.hours}.", texts::get));
        assertEquals(
                "${loop} ${unknown}", Texts.expand("${loop} ${unknown}", key -> key.equals("loop") ? "${loop}" : null));
    }

    @Test
    void withoutBrandingThePagesReadCasegatesOwnTextsWithTheHoursFilledIn() {
        assertEquals(
                "Мы свяжемся с вами в рабочее время по мск с 9:00 до 18:00.",
                Texts.text(Locale.forLanguageTag("ru-RU"), "status.hours"));
        assertEquals(
                "We will get back to you during working hours, 9:00 to 18:00 Moscow time.",
                Texts.text(Locale.ENGLISH, "status.hours"));
        assertEquals(
                "Ваша заявка № SR00042 отправлена. Мы свяжемся с вами в рабочее время по мск с 9:00 до 18:00",
                Texts.text(Locale.forLanguageTag("ru"), "form.sent.message", "SR00042"));
    }

    @Test
    void aCaptchaSwitchedOnWithoutItsKeysStopsTheStart() {
        assertEquals(
                List.of(
                        "casegate.captcha.enabled: is true, so casegate.captcha.site-key must be set too",
                        "casegate.captcha.enabled: is true, so casegate.captcha.server-key must be set too"),
                ConfigKeys.problems(MapConfig.of(Map.of("casegate.captcha.enabled", "true"))));
        assertEquals(
                List.of("casegate.branding.dir: expected an existing directory, got \"/no/such/branding\""),
                ConfigKeys.problems(MapConfig.of(Map.of("casegate.branding.dir", "/no/such/branding"))));
    }
}
