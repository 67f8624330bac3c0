package io.casegate.feedback.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubmissionRulesTest {

    @ParameterizedTest
    @CsvSource({
        "'8 (912) 345-67-89', +79123456789",
        "'+7 912 345 67 89', +79123456789",
        "9123456789, +79123456789",
        "'7-912-345-67-89', +79123456789",
        "'+7(495)1234567', +74951234567"
    })
    void typedPhonesBecomeOneForm(String typed, String expected) {
        assertEquals(Optional.of(expected), PhoneNumbers.normalise(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "+1 212 555 0100 00", "phone: 9123456789", "912345678", "'; drop table"})
    void notRussianPhonesAreRefused(String typed) {
        assertEquals(Optional.empty(), PhoneNumbers.normalise(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7707083893", "7736207543", "500100732259", "773211137010"})
    void validInnsPass(String inn) {
        assertTrue(Inn.Validator.isValidInn(inn));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7707083894", "500100732250", "123", "77070838930", "abcdefghij", "7707 083893"})
    void invalidInnsFail(String inn) {
        assertFalse(Inn.Validator.isValidInn(inn));
    }
}
