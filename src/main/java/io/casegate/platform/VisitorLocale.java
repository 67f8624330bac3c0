package io.casegate.platform;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The language of the visitor: the one chosen with the page's language switch for the rest of the
 * session; otherwise English only when the browser asks for it, Russian otherwise.
 * <p>
 * Servlet containers report the server's own locale when a request has no Accept-Language
 * header, so Faces' built-in negotiation would show English pages to clients that state no
 * preference. Casegate's audience is Russian-speaking first.
 * <p>
 * The switch is a link to the same page with {@code ?lang=ru} or {@code ?lang=en} (a GET, so it
 * works without JavaScript); the choice is kept in the session.
 */
@Named
@RequestScoped
public class VisitorLocale {

    public static final Locale DEFAULT = Locale.forLanguageTag("ru");
    private static final List<Locale> SUPPORTED = List.of(DEFAULT, Locale.ENGLISH);

    /** The request parameter of the language switch. */
    public static final String PARAMETER = "lang";

    /** The session attribute that keeps the visitor's choice. */
    static final String SESSION_ATTRIBUTE = VisitorLocale.class.getName() + ".language";

    @Inject
    HttpServletRequest request;

    private Locale locale;

    public Locale getLocale() {
        if (locale == null) {
            locale = of(request);
        }
        return locale;
    }

    /** The visitor's language for {@code request}: a choice made with the switch, else the browser's. */
    public static Locale of(HttpServletRequest request) {
        if ("GET".equals(request.getMethod())) {
            Locale asked = supported(request.getParameter(PARAMETER));
            if (asked != null) {
                request.getSession(true).setAttribute(SESSION_ATTRIBUTE, asked.getLanguage());
                return asked;
            }
        }
        return kept(request);
    }

    /**
     * The visitor's language for a page answered before the application sees the request (a rate
     * limit, a body too large): the choice kept in the session, else the browser's. It never starts
     * a session, so that refused traffic creates none.
     */
    public static Locale kept(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object chosen = session == null ? null : session.getAttribute(SESSION_ATTRIBUTE);
        Locale kept = chosen == null ? null : supported(chosen.toString());
        return kept != null ? kept : of(request.getHeader("Accept-Language"));
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

    private static Locale supported(String language) {
        if (language == null) {
            return null;
        }
        return SUPPORTED.stream()
                .filter(candidate -> candidate.getLanguage().equals(language.strip()))
                .findFirst()
                .orElse(null);
    }

    /** The entries of the language switch: each language, with the link to this page in it. */
    public List<Choice> getChoices() {
        List<Choice> choices = new ArrayList<>();
        for (Locale candidate : SUPPORTED) {
            choices.add(
                    new Choice(candidate.getLanguage(), candidate.equals(getLocale()), urlIn(candidate.getLanguage())));
        }
        return choices;
    }

    /** @param current true for the language the page is in */
    public record Choice(String language, boolean current, String url) {}

    /** This page (its path and query, without the switch's own parameter) in {@code language}. */
    private String urlIn(String language) {
        StringBuilder url = new StringBuilder(request.getRequestURI()).append('?');
        String query = "GET".equals(request.getMethod()) ? request.getQueryString() : null;
        if (query != null) {
            for (String pair : query.split("&")) {
                if (!pair.isEmpty() && !pair.equals(PARAMETER) && !pair.startsWith(PARAMETER + "=")) {
                    url.append(pair).append('&');
                }
            }
        }
        return url.append(PARAMETER)
                .append('=')
                .append(URLEncoder.encode(language, StandardCharsets.UTF_8))
                .toString();
    }
}
