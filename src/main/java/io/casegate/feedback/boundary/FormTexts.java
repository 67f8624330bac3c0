package io.casegate.feedback.boundary;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** Texts of the {@code io.casegate.i18n.messages} bundle in the visitor's language, for messages made in Java. */
final class FormTexts {

    static final String BUNDLE = "io.casegate.i18n.messages";

    private FormTexts() {
    }

    static String text(FacesContext context, String key, Object... arguments) {
        Locale locale = context.getViewRoot() == null
                ? context.getApplication().getDefaultLocale()
                : context.getViewRoot().getLocale();
        String pattern = ResourceBundle.getBundle(BUNDLE, locale).getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }

    static FacesMessage error(FacesContext context, String key, Object... arguments) {
        String text = text(context, key, arguments);
        return new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text);
    }
}
