package io.casegate.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** What the page template shows of the operator's {@link Branding}: its stylesheet and logo (paths in this application). */
@Named("branding")
@ApplicationScoped
public class BrandingPage {

    /** {@code /branding/branding.css}, or null when the operator gave none. */
    public String getStylesheet() {
        return Branding.current().hasStylesheet() ? Branding.PATH + Branding.STYLESHEET : null;
    }

    /** {@code /branding/logo.svg} (or another type), or null when the operator gave none. */
    public String getLogo() {
        String logo = Branding.current().logo();
        return logo == null ? null : Branding.PATH + logo;
    }
}
