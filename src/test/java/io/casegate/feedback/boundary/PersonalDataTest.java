package io.casegate.feedback.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** What the record of a data-subject request keeps of the address. */
class PersonalDataTest {

    @Test
    void theAddressIsMaskedAndHashedWhateverItsCase() {
        assertEquals("i***@e***.ru", PersonalData.masked(" Ivan.Petrov@Example.RU "));
        assertEquals("***", PersonalData.masked("not-an-address"));
        assertEquals(PersonalData.sha256("ivan@example.ru"), PersonalData.sha256(" IVAN@example.ru"));
        assertNotEquals(PersonalData.sha256("ivan@example.ru"), PersonalData.sha256("ivan@example.com"));
        assertEquals(64, PersonalData.sha256("ivan@example.ru").length());
    }
}
