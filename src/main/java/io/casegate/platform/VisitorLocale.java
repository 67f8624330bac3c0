package io.casegate.platform;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The language of the visitor: English only when the browser asks for it, Russian otherwise.
 * <p>
 * Servlet containers report the server's own locale when a request has no Accept-Language
 * header, so Faces' built-in negotiation would show English pages to clients that state no
 * preference. Casegate's audience is Russian-speaking first.
 */
@Named
@RequestScoped
public class VisitorLocale {

    public static final Locale DEFAULT = Locale.forLanguageTag("ru");
    private static final List<Locale> SUPPORTED = List.of(DEFAULT, Locale.ENGLISH);

    @Inject
    HttpServletRequest request;

    public Locale getLocale() {
        return of(request.getHeader("Accept-Language"));
    }

    /** The best supported match for an Accept-Language header; Russian when there is none. */
    public static Locale of(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return DEFAULT;
        }
        try {
            Locale match = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
            return match == null ? DEFAULT : match;
        } catch (IllegalArgumentException malformed) {
            return DEFAULT;
        }
    }
}
