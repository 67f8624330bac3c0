package io.casegate.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationConverterTest {

    @Test
    void readsShortAndIsoForms() {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), DurationConverter.parse("30s"));
        assertEquals(Duration.ofSeconds(30), DurationConverter.parse("30"));
        assertEquals(Duration.ofMinutes(50), DurationConverter.parse("50m"));
        assertEquals(Duration.ofDays(30), DurationConverter.parse("30d"));
        assertEquals(Duration.ofMinutes(50), DurationConverter.parse("PT50M"));
        assertThrows(IllegalArgumentException.class, () -> DurationConverter.parse("soon"));
    }
}
