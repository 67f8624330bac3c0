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

    public enum Channel {
        FORM,
        API
    }
}
