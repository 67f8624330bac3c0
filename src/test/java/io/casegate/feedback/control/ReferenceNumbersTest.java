package io.casegate.feedback.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReferenceNumbersTest {

    @Test
    void referenceIsYearAndSixDigitNumber() {
        assertEquals("WEB-2026-000001", ReferenceNumbers.format(2026, 1));
        assertEquals("WEB-2026-123456", ReferenceNumbers.format(2026, 123456));
        assertTrue(ReferenceNumbers.format(2026, 42).matches(ReferenceNumbers.PATTERN));
    }

    @Test
    void numbersBeyondSixDigitsStayUnique() {
        assertEquals("WEB-2027-1234567", ReferenceNumbers.format(2027, 1234567));
        assertTrue(ReferenceNumbers.format(2027, 1234567).matches(ReferenceNumbers.PATTERN));
    }
}
