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
            "Time from accepting a submission to knowing its case number."),

    // Read when scraped (Reading), not counted: the backlog is the database's, the same on every node.
    DELIVERY_PENDING(
            Kind.GAUGE,
            "casegate_delivery_pending_entries",
            "Outbox entries waiting to be done (pending), by kind of work (DELIVER_CASE: undelivered"
                    + " submissions). Read from the database: every node reports the same number.",
            "kind"),
    DELIVERY_OLDEST_PENDING_AGE(
            Kind.GAUGE,
            "casegate_delivery_oldest_pending_age_seconds",
            "Age of the oldest pending outbox entry, by kind of work; 0 when none is pending.",
            "kind"),
    DELIVERY_DEAD(
            Kind.GAUGE,
            "casegate_delivery_dead_letter_entries",
            "Outbox entries given up and waiting for an administrator (dead letters), by kind of work.",
            "kind"),
    DATABASE_UP(
            Kind.GAUGE,
            "casegate_database_up",
            "1 when this node could read the backlog from the database for this scrape, else 0."),
    CRM_CONFIGURED(
            Kind.GAUGE,
            "casegate_crm_configured",
            "1 when there is a CRM to deliver to (casegate.crm.url or the built-in sandbox), else 0."),
    CRM_SESSION_STATE(
            Kind.GAUGE,
            "casegate_crm_session_state",
            "This node's session with the CRM: 1 for the state it is in (logged_in, expired, failing,"
                    + " not_logged_in), 0 for the others.",
            "state"),
    CRM_SESSION_AGE(
            Kind.GAUGE,
            "casegate_crm_session_age_seconds",
            "Age of this node's CRM session; absent while it has none."),
    CRM_MAPPING_STATE(
            Kind.GAUGE,
            "casegate_crm_mapping_state",
            "The last self-check of the CRM mapping: 1 for its result (valid, invalid, not_checked), 0 for"
                    + " the others.",
            "state"),
    JVM_MEMORY_USED(Kind.GAUGE, "jvm_memory_used_bytes", "Memory in use, by area (heap, nonheap).", "area"),
    JVM_MEMORY_COMMITTED(
            Kind.GAUGE,
            "jvm_memory_committed_bytes",
            "Memory the JVM has from the operating system, by area (heap, nonheap).",
            "area"),
    JVM_MEMORY_MAX(
            Kind.GAUGE,
            "jvm_memory_max_bytes",
            "Most memory the JVM may use, by area (heap, nonheap); -1 when unlimited.",
            "area"),
    JVM_THREADS_CURRENT(Kind.GAUGE, "jvm_threads_current", "Live threads, daemon threads included."),
    JVM_THREADS_DAEMON(Kind.GAUGE, "jvm_threads_daemon", "Live daemon threads."),
    JVM_THREADS_PEAK(Kind.GAUGE, "jvm_threads_peak", "Most live threads at once since the JVM started."),
    JVM_THREADS_DEADLOCKED(
            Kind.GAUGE, "jvm_threads_deadlocked", "Threads deadlocked on monitors or ownable synchronizers."),
    JVM_GC_COLLECTIONS(
            Kind.COUNTER, "jvm_gc_collections_total", "Garbage collections since the JVM started, by collector.", "gc"),
    JVM_GC_COLLECTION_TIME(
            Kind.COUNTER,
            "jvm_gc_collection_seconds_total",
            "Time spent in garbage collections since the JVM started, by collector.",
            "gc"),
    PROCESS_START_TIME(
            Kind.GAUGE, "process_start_time_seconds", "When the JVM started, in seconds since the Unix epoch.");

    public enum Kind {
        COUNTER,
        HISTOGRAM,
        /** A value read when scraped, through a {@link Reading}. */
        GAUGE
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

    /**
     * The label values of a one-label meter whose series exist from the start at 0 (a fixed
     * vocabulary of the metric itself), so that {@code rate()} and {@code increase()} see the first
     * event and an alert sees 0 rather than no data. Others are created by {@link Metrics#declare}
     * or by their first event.
     */
    public List<String> initialLabelValues() {
        return switch (this) {
            case SUBMISSIONS_RECEIVED -> List.of("form", "api");
            case CRM_LOGINS -> List.of("succeeded", "failed");
            case CRM_CALL_DURATION -> List.of("login");
            default -> List.of();
        };
    }
}
