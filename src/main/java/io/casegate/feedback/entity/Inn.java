package io.casegate.feedback.entity;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An optional Russian taxpayer number (ИНН): blank, or 10 digits (a legal entity) or 12 digits
 * (a person or sole trader) whose check digits are right.
 */
@Target({FIELD, METHOD})
@Retention(RUNTIME)
@Constraint(validatedBy = Inn.Validator.class)
public @interface Inn {

    String message() default "{casegate.inn.invalid}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Inn, String> {

        private static final int[] LEGAL_ENTITY = {2, 4, 10, 3, 5, 9, 4, 6, 8};
        private static final int[] PERSON_FIRST = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
        private static final int[] PERSON_SECOND = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isBlank() || isValidInn(value.strip());
        }

        public static boolean isValidInn(String inn) {
            if (!inn.matches("\\d{10}|\\d{12}")) {
                return false;
            }
            if (inn.length() == 10) {
                return checkDigit(inn, LEGAL_ENTITY) == digit(inn, 9);
            }
            return checkDigit(inn, PERSON_FIRST) == digit(inn, 10) && checkDigit(inn, PERSON_SECOND) == digit(inn, 11);
        }

        private static int checkDigit(String inn, int[] weights) {
            int sum = 0;
            for (int i = 0; i < weights.length; i++) {
                sum += weights[i] * digit(inn, i);
            }
            return sum % 11 % 10;
        }

        private static int digit(String inn, int index) {
            return inn.charAt(index) - '0';
        }
    }
}
