package io.casegate.platform.metrics;

import java.util.List;

/**
 * Every metric Casegate publishes: one place for its name, its kind, its help text and its labels.
 * Names follow Prometheus conventions (base unit seconds, counters end in {@code _total}).
 */
public enum Meter {
    SUBMISSIONS_RECEIVED(
            Kind.COUNTER,
            "casegate_submissions_received_total",
            "Submissions accepted and stored, by channel (form, api).",
            "channel"),
    SUBMISSIONS_DELIVERED(
            Kind.COUNTER, "casegate_submissions_delivered_total", "Submissions that became a case in the CRM."),
    DELIVERY_ATTEMPTS_FAILED(
            Kind.COUNTER,
            "casegate_delivery_attempts_failed_total",
            "Outbox attempts that failed (CRM error, timeout, other), by kind of work.",
            "kind"),
    DELIVERY_RETRIES_SCHEDULED(
            Kind.COUNTER,
            "casegate_delivery_retries_scheduled_total",
            "Failed outbox attempts that will be tried again after a back-off, by kind of work.",
            "kind"),
    DEAD_LETTERS(
            Kind.COUNTER,
            "casegate_delivery_dead_letters_total",
            "Outbox entries given up (non-retryable CRM error or attempts exhausted), by kind of work.",
            "kind"),
    DEAD_LETTERS_REQUEUED(
            Kind.COUNTER,
            "casegate_delivery_dead_letters_requeued_total",
            "Dead-lettered outbox entries an administrator sent back to delivery."),
    CRM_LOGINS(
            Kind.COUNTER,
            "casegate_crm_logins_total",
            "Logins to the CRM made for deliveries, by outcome (succeeded, failed).",
            "outcome"),
    CRM_CALL_DURATION(
            Kind.HISTOGRAM,
            "casegate_crm_call_duration_seconds",
            "Duration of requests to the CRM, by operation (logins included).",
            "operation"),
    TIME_TO_CASE_NUMBER(
            Kind.HISTOGRAM,
            "casegate_submission_to_case_seconds",
            "Time from accepting a submission to knowing its case number.");

    public enum Kind {
        COUNTER,
        HISTOGRAM
    }

    private final Kind kind;
    private final String metricName;
    private final String help;
    private final List<String> labels;

    Meter(Kind kind, String metricName, String help, String... labels) {
        this.kind = kind;
        this.metricName = metricName;
        this.help = help;
        this.labels = List.of(labels);
    }

    public Kind kind() {
        return kind;
    }

    public String metricName() {
        return metricName;
    }

    public String help() {
        return help;
    }

    public List<String> labels() {
        return labels;
    }
}
