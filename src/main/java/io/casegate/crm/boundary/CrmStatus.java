package io.casegate.crm.boundary;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.casegate.crm.control.CrmSession;
import io.casegate.crm.control.CrmSettings;
import io.casegate.crm.control.DeliveryPreviews;
import io.casegate.crm.control.MappingSelfCheck;
import io.casegate.crm.entity.CrmRejectedException;
import io.casegate.crm.entity.CrmSessionState;
import io.casegate.crm.entity.DeliveryPreview;
import io.casegate.crm.entity.MappingCheck;
import io.casegate.platform.Texts;

/**
 * How Casegate stands with the CRM, for the admin area, the readiness checks and delivery: the
 * session, and whether the CRM has everything the mapping names.
 */
@ApplicationScoped
public class CrmStatus {

    private static final Logger LOG = Logger.getLogger(CrmStatus.class.getName());

    /** The text (io/casegate/i18n/messages*) that says nothing is delivered; its argument is {@link #CRM_URL_KEY}. */
    public static final String NOT_CONFIGURED_TEXT = "crm.notConfigured";

    /** The key an operator sets to give Casegate a CRM. */
    public static final String CRM_URL_KEY = CrmSettings.URL_KEY;

    /** How long a delivery waits for the first self-check since start, which takes a request or two. */
    static final Duration FIRST_CHECK_WAIT = Duration.ofSeconds(2);

    @Inject
    CrmSession session;

    @Inject
    MappingSelfCheck selfCheck;

    @Inject
    CrmSettings settings;

    @Inject
    CrmCases cases;

    /** Says it at start, where an operator reads first, when there is no CRM to deliver to. */
    void announce(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!configured()) {
            LOG.warning(notConfiguredReason(Locale.ENGLISH));
        }
    }

    /**
     * False when there is no CRM to deliver to: no {@code casegate.crm.url} and the built-in sandbox
     * off. Submissions are then accepted and stored, and wait.
     */
    public boolean configured() {
        return settings.crmConfigured();
    }

    /** Why nothing is delivered, naming the key to set, in {@code locale}. */
    public String notConfiguredReason(Locale locale) {
        return Texts.text(locale, NOT_CONFIGURED_TEXT, CRM_URL_KEY);
    }

    /**
     * How long a delivery should wait because there is no CRM at all (empty when there is one). The
     * configuration is read at start, so nothing changes before a restart; the wait only spaces the
     * look-ups, and a restarted node with a CRM finds the waiting submissions due within it.
     */
    public Optional<Duration> configurationHoldsDelivery() {
        return configured() ? Optional.empty() : Optional.of(mappingRecheckInterval());
    }

    /**
     * Why this node sends the CRM one request at a time rather than two round trips per submission
     * (batches switched off, or the CRM's refusal of one); empty while it sends batches.
     */
    public Optional<String> batchRefusal() {
        return cases.batchRefusal();
    }

    public CrmSessionState state() {
        return session.state();
    }

    /** The last self-check of the mapping; "not checked yet" until one could be made. */
    public MappingCheck mapping() {
        return selfCheck.last();
    }

    /** Checks the mapping now, e.g. when an operator has fixed the CRM, and answers the result. */
    public MappingCheck checkMappingNow() {
        return selfCheck.checkNow();
    }

    /** While the mapping is invalid it is checked again this often. */
    public Duration mappingRecheckInterval() {
        return selfCheck.interval();
    }

    /**
     * How long a delivery should wait before it is tried again because of the mapping: the check
     * interval while the mapping is invalid, a moment while the first check since start is under
     * way; empty when delivery may go ahead.
     */
    public Optional<Duration> mappingHoldsDelivery() {
        MappingCheck mapping = mapping();
        if (!mapping.holdsDelivery()) {
            return Optional.empty();
        }
        return Optional.of(mapping.invalid() ? mappingRecheckInterval() : FIRST_CHECK_WAIT);
    }

    /**
     * How long a failed delivery should wait instead of failing. A refusal that names a missing
     * column, entity set or lookup row (or a foreign key) means the CRM may have changed since the
     * last check: the mapping is checked again (at most once per pause, however many deliveries are
     * refused at once), and if something is gone, this delivery waits like the ones after it
     * rather than becoming a dead letter. Empty when the failure is the delivery's own.
     */
    public Optional<Duration> waitAfterFailure(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CrmRejectedException refused
                && (refused.problem() == CrmRejectedException.Problem.MAPPING
                        || refused.problem() == CrmRejectedException.Problem.CONSTRAINT)
                && selfCheck.recheck().invalid()) {
            return Optional.of(mappingRecheckInterval());
        }
        return Optional.empty();
    }

    /** What a delivery writes with the configured mapping, record by record, in the CRM's terms. */
    public DeliveryPreview deliveryPreview() {
        return DeliveryPreviews.of(settings.mapping());
    }
}
