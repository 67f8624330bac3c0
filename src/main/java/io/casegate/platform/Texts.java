package io.casegate.platform;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts a visitor or an operator reads, from the one bundle {@code io.casegate.i18n.messages}
 * (Russian first, English too) with the operator's {@link Branding} over it ({@link BrandedMessages}),
 * wherever Java rather than a page composes them: the form's messages, the API's problems, the
 * acknowledgement e-mail.
 */
public final class Texts {

    public static final String BUNDLE = "io.casegate.i18n.messages";

    /** The bundle that pages and this class read: Casegate's texts with the operator's over them. */
    public static final String BRANDED_BUNDLE = "io.casegate.platform.BrandedMessages";

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9._-]+)}");

    private Texts() {}

    /** The text under {@code key} in {@code locale}, with {@code arguments} put in ({@link MessageFormat}). */
    public static String text(Locale locale, String key, Object... arguments) {
        String pattern = ResourceBundle.getBundle(BRANDED_BUNDLE, locale).getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }

    /** {@code text} with each {@code ${key}} replaced by {@code lookup}'s text of that key (one level; unknown keys stay). */
    static String expand(String text, UnaryOperator<String> lookup) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String referenced = lookup.apply(matcher.group(1));
            matcher.appendReplacement(
                    expanded, Matcher.quoteReplacement(referenced == null ? matcher.group() : referenced));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }
}
