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

/** An optional Russian phone number: blank, or one that {@link PhoneNumbers#normalise} accepts. */
@Target({FIELD, METHOD})
@Retention(RUNTIME)
@Constraint(validatedBy = RussianPhone.Validator.class)
public @interface RussianPhone {

    String message() default "{casegate.phone.invalid}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<RussianPhone, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null
                    || value.isBlank()
                    || PhoneNumbers.normalise(value).isPresent();
        }
    }
}
