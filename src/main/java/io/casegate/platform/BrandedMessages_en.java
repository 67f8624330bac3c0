package io.casegate.platform;

import java.util.Locale;

/** English: the operator's {@code messages_en.properties} over Casegate's English texts. */
public class BrandedMessages_en extends BrandedMessages {

    public BrandedMessages_en() {
        super(Locale.ENGLISH);
    }
}
