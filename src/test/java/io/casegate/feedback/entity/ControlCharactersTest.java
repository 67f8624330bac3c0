package io.casegate.feedback.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.List;

import jakarta.validation.constraints.Pattern;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {

    @Test
    void textWithLineBreaksAndTabsIsFineAControlCharacterIsNot() {
        for (String fine : List.of("", "Иван", "строка\r\nстрока\tтаб", "😀 <b>&", "\u007F")) {
            assertTrue(fine.matches(SubmissionFields.NO_CONTROLS), fine);
        }
        for (String refused : List.of("a\u0000b", "\u0001", "x\u001By", "\u000B", "\u000C", "\u001F")) {
            assertFalse(refused.matches(SubmissionFields.NO_CONTROLS), refused);
        }
    }

    @Test
    void everyTextFieldOfASubmissionCarriesTheRule() {
        for (Field field : SubmissionFields.class.getDeclaredFields()) {
            if (field.getType() == String.class && !java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                Pattern rule = field.getAnnotation(Pattern.class);
                assertTrue(rule != null && rule.regexp().equals(SubmissionFields.NO_CONTROLS), field.getName());
            }
        }
    }

    @Test
    void hintsLoseTheirControlCharacters() {
        assertEquals("agentnul", Submission.withoutControls("agent\u0000nul"));
        assertEquals("ab", Submission.withoutControls("a\r\n\tb"));
        assertNull(Submission.withoutControls(null));
    }
}
