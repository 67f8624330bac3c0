package io.casegate.crm.entity;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * What an operator may see of Casegate's session with the CRM. Never carries credentials,
 * cookies or tokens.
 *
 * @param authentication {@code forms} or {@code oauth}
 * @param loggedInSince when the session in use was obtained; null when there is none
 * @param tokenAge how old that session is; null when there is none
 * @param renewalDue when Casegate will log in again before using the session; null when there is none
 * @param lastLoginError the CRM's reason for the last failed login, or null when none failed yet
 * @param nextLoginAttempt while logins back off after a rejection, the earliest next attempt; else null
 */
public record CrmSessionState(
        String authentication,
        URI crm,
        Instant loggedInSince,
        Duration tokenAge,
        Instant renewalDue,
        long logins,
        long failedLogins,
        String lastLoginError,
        Instant lastLoginErrorAt,
        Instant nextLoginAttempt) {}
