package io.casegate.feedback.boundary;

import java.time.Instant;
import java.util.Locale;

/**
 * The circumstances of a submission that the visitor did not type: which channel, the duplicate
 * guard, the visitor's language, and the consent record that 152-FZ requires (time, IP address,
 * version of the consent text).
 *
 * @param idempotencyKey the form's per-render token or the API's Idempotency-Key; null for none
 */
record SubmissionContext(
        Channel channel,
        String idempotencyKey,
        Locale locale,
        String clientIp,
        String userAgent,
        Instant consentGivenAt,
        String consentTextVersion) {

    /** The lengths of the submission's columns (V1): client_ip, user_agent, consent_text_version. */
    static final int CLIENT_IP_MAX = 64;

    static final int USER_AGENT_MAX = 1000;
    static final int CONSENT_VERSION_MAX = 100;

    /** A user agent longer than its column is cut: it is a hint for support, not evidence. */
    SubmissionContext {
        if (userAgent != null && userAgent.length() > USER_AGENT_MAX) {
            userAgent = userAgent.substring(0, USER_AGENT_MAX);
        }
    }

    public enum Channel {
        FORM,
        API
    }
}
