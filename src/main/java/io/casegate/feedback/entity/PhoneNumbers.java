package io.casegate.feedback.entity;

import java.util.Optional;

/**
 * Russian phone numbers as visitors type them ({@code 8 (912) 345-67-89}, {@code +7 912 345 67 89},
 * {@code 9123456789}) reduced to the one E.164 form {@code +79123456789}, so that the same person is
 * found in the CRM whatever they typed.
 */
final class PhoneNumbers {

    private PhoneNumbers() {}

    /** The number as {@code +7XXXXXXXXXX}; empty when the text is blank or is not a Russian number. */
    public static Optional<String> normalise(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        if (!typed.matches("[\\d\\s()+\\-.]+")) {
            return Optional.empty();
        }
        String digits = typed.replaceAll("\\D", "");
        if (digits.length() == 11 && (digits.charAt(0) == '7' || digits.charAt(0) == '8')) {
            digits = digits.substring(1);
        }
        if (digits.length() != 10) {
            return Optional.empty();
        }
        return Optional.of("+7" + digits);
    }
}
