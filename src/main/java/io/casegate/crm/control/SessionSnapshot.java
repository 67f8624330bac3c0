package io.casegate.crm.control;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
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
