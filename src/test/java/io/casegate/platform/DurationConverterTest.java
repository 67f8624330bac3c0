package io.casegate.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationConverterTest {

    final DurationConverter cut = new DurationConverter();

    @Test
    void readsTheShortFormsOperatorsWrite() {
        assertEquals(Duration.ofMillis(500), cut.convert("500ms"));
        assertEquals(Duration.ofSeconds(30), cut.convert("30s"));
        assertEquals(Duration.ofSeconds(7), cut.convert(" 7s "));
        assertEquals(Duration.ofMinutes(50), cut.convert("50m"));
        assertEquals(Duration.ofHours(2), cut.convert("2h"));
        assertEquals(Duration.ofDays(30), cut.convert("30d"));
    }

    @Test
    void aBareNumberIsSecondsAndZeroIsZero() {
        assertEquals(Duration.ofSeconds(30), cut.convert("30"));
        assertEquals(Duration.ZERO, cut.convert("0"));
    }

    @Test
    void readsIso8601AsEarlierVersionsDid() {
        assertEquals(Duration.ofMinutes(50), cut.convert("PT50M"));
        assertEquals(Duration.ofDays(7), cut.convert("P7D"));
        assertEquals(Duration.ofHours(12), cut.convert("pt12h"));
    }

    @Test
    void anEmptyValueIsAMissingOne() {
        assertNull(cut.convert(""));
        assertNull(cut.convert("  "));
    }

    @Test
    void refusesWhatIsNotADurationNamingTheValue() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> cut.convert("soon"));
        assertEquals("Not a duration: soon (use e.g. 500ms, 30s, 50m, 2h, 7d or PT50M)", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cut.convert("PT5X"));
        assertThrows(IllegalArgumentException.class, () -> cut.convert("5 weeks"));
    }
}
