package io.casegate.feedback.boundary;

import java.util.Locale;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

import io.casegate.platform.Texts;

/** Texts of the {@code io.casegate.i18n.messages} bundle in the visitor's language, for messages made in Java. */
final class FormTexts {

    private FormTexts() {}

    static String text(FacesContext context, String key, Object... arguments) {
        Locale locale = context.getViewRoot() == null
                ? context.getApplication().getDefaultLocale()
                : context.getViewRoot().getLocale();
        return Texts.text(locale, key, arguments);
    }

    static FacesMessage error(FacesContext context, String key, Object... arguments) {
        String text = text(context, key, arguments);
        return new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text);
    }
}
