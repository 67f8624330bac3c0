package io.casegate.platform;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The texts a visitor or an operator reads, from the one bundle {@code io.casegate.i18n.messages}
 * (Russian first, English too), wherever Java rather than a page composes them: the form's
 * messages, the API's problems, the acknowledgement e-mail.
 */
public final class Texts {

    public static final String BUNDLE = "io.casegate.i18n.messages";

    private Texts() {}

    /** The text under {@code key} in {@code locale}, with {@code arguments} put in ({@link MessageFormat}). */
    public static String text(Locale locale, String key, Object... arguments) {
        String pattern = ResourceBundle.getBundle(BUNDLE, locale).getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }
}
