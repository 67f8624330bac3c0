package io.casegate.platform;

/** Russian: what Java's bundle lookup finds for {@code ru}, instead of falling back to the server's locale. */
public class BrandedMessages_ru extends BrandedMessages {

    public BrandedMessages_ru() {
        super(VisitorLocale.DEFAULT);
    }
}
