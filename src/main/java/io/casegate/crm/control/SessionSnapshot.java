package io.casegate.crm.control;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One login's worth of credentials for requests: the auth cookies and the BPMCSRF token of a forms
 * login, or the bearer token of an OAuth client. Immutable, so a request never sees half of a renewal.
 *
 * @param csrfToken null when the CRM does not use CSRF protection or with OAuth
 * @param bearerToken null with forms authentication
 */
record SessionSnapshot(
        Map<String, String> cookies, String csrfToken, String bearerToken, Instant issuedAt, Instant renewalDue) {

    static final String CSRF_COOKIE = "BPMCSRF";

    SessionSnapshot {
        cookies = Collections.unmodifiableMap(new LinkedHashMap<>(cookies));
    }

    static SessionSnapshot forms(Map<String, String> cookies, Instant issuedAt, Instant renewalDue) {
        return new SessionSnapshot(cookies, cookies.get(CSRF_COOKIE), null, issuedAt, renewalDue);
    }

    static SessionSnapshot bearer(String token, Instant issuedAt, Instant renewalDue) {
        return new SessionSnapshot(Map.of(), null, token, issuedAt, renewalDue);
    }

    /** The same session with what later answers' Set-Cookie headers set or cleared. */
    SessionSnapshot withCookies(List<String> setCookies, Instant now) {
        Map<String, String> merged = merge(cookies, setCookies, now);
        return new SessionSnapshot(
                merged, bearerToken == null ? merged.get(CSRF_COOKIE) : csrfToken, bearerToken, issuedAt, renewalDue);
    }

    /**
     * {@code cookies} with each Set-Cookie applied: a value replaces the cookie of that name; an
     * empty value, {@code Max-Age=0} or an {@code Expires} before {@code now} removes it. Path and
     * domain do not matter: Casegate is the CRM's only client of this jar.
     */
    static Map<String, String> merge(Map<String, String> cookies, List<String> setCookies, Instant now) {
        Map<String, String> merged = new LinkedHashMap<>(cookies);
        for (String setCookie : setCookies) {
            String[] parts = setCookie.split(";");
            int equals = parts[0].indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = parts[0].substring(0, equals).strip();
            String value = parts[0].substring(equals + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (value.isEmpty() || expired(parts, now)) {
                merged.remove(name);
            } else {
                merged.put(name, value);
            }
        }
        return merged;
    }

    private static boolean expired(String[] attributes, Instant now) {
        for (int i = 1; i < attributes.length; i++) {
            String attribute = attributes[i].strip();
            int equals = attribute.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = attribute.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = attribute.substring(equals + 1).strip();
            try {
                if (name.equals("max-age") && Long.parseLong(value) <= 0) {
                    return true;
                }
                if (name.equals("expires")
                        && ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant()
                                .isBefore(now)) {
                    return true;
                }
            } catch (NumberFormatException | DateTimeParseException unreadable) {
                // An attribute Casegate cannot read does not end the cookie.
            }
        }
        return false;
    }

    boolean isUsableAt(Instant now) {
        return now.isBefore(renewalDue);
    }

    /** The headers that authenticate a request with this session. */
    Map<String, String> headers() {
        if (bearerToken != null) {
            return Map.of("Authorization", "Bearer " + bearerToken);
        }
        String cookieHeader = cookies.entrySet().stream()
                .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        return csrfToken == null
                ? Map.of("Cookie", cookieHeader)
                : Map.of("Cookie", cookieHeader, CSRF_COOKIE, csrfToken);
    }

    /** Cookies, tokens and CSRF values are secrets: never printed. */
    @Override
    public String toString() {
        return "SessionSnapshot[issuedAt=" + issuedAt + ", renewalDue=" + renewalDue + ", cookies=" + cookies.keySet()
                + "]";
    }
}
