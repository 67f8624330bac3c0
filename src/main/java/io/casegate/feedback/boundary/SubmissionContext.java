package io.casegate.feedback.boundary;

import java.time.Instant;
import java.util.Locale;

/**
 * The circumstances of a submission that the visitor did not type: which channel, the duplicate
 * guard, the visitor's language, and the consent record that 152-FZ requires (time, IP address,
 * version of the consent text).
 *
 * @param idempotencyKey the form's per-render token or the API's Idempotency-Key; null for none
 * @param apiClient the short digest of the API key ({@code ApiKeys.clientIdOf}); null on the form
 */
record SubmissionContext(
        Channel channel,
        String idempotencyKey,
        Locale locale,
        String clientIp,
        String userAgent,
        Instant consentGivenAt,
        String consentTextVersion,
        String apiClient) {

    /**
     * The lengths of the submission's client_ip and consent_text_version columns (V1): the API
     * refuses longer values from a site's server, these being evidence of the consent. (Submission
     * cuts a user agent to its column: it is only a hint for support.)
     */
    static final int CLIENT_IP_MAX = 64;

    static final int CONSENT_VERSION_MAX = 100;

    public enum Channel {
        FORM,
        API
    }
}
