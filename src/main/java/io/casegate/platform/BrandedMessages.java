package io.casegate.platform;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bundle that pages ({@code msg}, faces-config.xml) and {@link Texts} read: the operator's
 * {@link Branding} texts over Casegate's own {@code io.casegate.i18n.messages}, with
 * {@code ${key}} in a text replaced by the text of that key (so that the working hours,
 * {@code support.hours}, are written once and changed once). Russian is the base; the classes
 * {@code BrandedMessages_ru} and {@code BrandedMessages_en} are what Java's lookup finds per language.
 */
public class BrandedMessages extends ResourceBundle {

    private final Locale language;

    public BrandedMessages() {
        this(VisitorLocale.DEFAULT);
    }

    BrandedMessages(Locale language) {
        this.language = language;
    }

    private ResourceBundle shipped() {
        return ResourceBundle.getBundle(Texts.BUNDLE, language);
    }

    @Override
    protected Object handleGetObject(String key) {
        String text = Branding.current().text(language, key);
        if (text == null) {
            ResourceBundle shipped = shipped();
            if (!shipped.containsKey(key)) {
                return null;
            }
            text = shipped.getString(key);
        }
        return Texts.expand(text, name -> {
            String referenced = Branding.current().text(language, name);
            if (referenced != null) {
                return referenced;
            }
            ResourceBundle shipped = shipped();
            return shipped.containsKey(name) ? shipped.getString(name) : null;
        });
    }

    @Override
    public Enumeration<String> getKeys() {
        Set<String> keys = new TreeSet<>(shipped().keySet());
        if (parent != null) {
            keys.addAll(parent.keySet());
        }
        return Collections.enumeration(keys);
    }
}
