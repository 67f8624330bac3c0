package io.casegate.crm.control;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.casegate.crm.entity.CrmCallObserver;
import io.casegate.crm.entity.CrmException;
import io.casegate.crm.entity.MappingCheck;
import io.casegate.crm.entity.MappingRequirement;
import io.casegate.platform.LocalServer;

/**
 * Checks the CRM mapping against the CRM: on start, on an operator's demand, and again every
 * {@code casegate.crm.self-check-interval} for as long as the last check found something missing or
 * could not be made, so that delivery resumes by itself once an operator has fixed the CRM. Never
 * in the way of deployment: the first check runs on the scheduler, and a CRM that cannot be asked
 * leaves the mapping "not checked yet", which does not stop delivery.
 * <p>
 * Uses the one CRM session, so it costs no licence seat of its own.
 */
@ApplicationScoped
public class MappingSelfCheck {

    private static final Logger LOG = Logger.getLogger(MappingSelfCheck.class.getName());
    /** How soon to look again while the built-in sandbox's port is not known yet. */
    static final Duration PORT_WAIT = Duration.ofSeconds(2);

    static final Duration RECHECK_PAUSE = Duration.ofSeconds(10);

    static final String METADATA = "/0/odata/$metadata";

    @Inject
    CrmClient client;

    @Inject
    CrmSettings settings;

    @Inject
    LocalServer localServer;

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "casegate.crm.self-check-interval", defaultValue = "1m")
    Duration interval;

    private final ReentrantLock running = new ReentrantLock();
    private volatile MappingCheck last = MappingCheck.notCheckedYet();
    private ScheduledFuture<?> next;
    private volatile boolean stopped;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        schedule(Duration.ZERO);
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    public MappingCheck last() {
        return last;
    }

    public Duration interval() {
        return interval;
    }

    /**
     * The mapping as it stands after a delivery was refused in a way that a change of the CRM
     * explains: checked now, unless a check ended less than {@link #RECHECK_PAUSE} ago (then that
     * one answers), so that many refusals at once cause one check.
     */
    public MappingCheck recheck() {
        MappingCheck known = last;
        if (known.checkedAt() != null && known.checkedAt().plus(RECHECK_PAUSE).isAfter(clock.instant())) {
            return known;
        }
        return checkNow();
    }

    /** Checks now (waiting for a check already under way rather than running two) and answers the result. */
    public MappingCheck checkNow() {
        running.lock();
        try {
            MappingCheck before = last;
            MappingCheck result = check();
            last = result;
            report(before, result);
            if (result.state() == MappingCheck.State.VALID) {
                cancelNext();
            } else {
                schedule(waitingForPort() ? PORT_WAIT : interval);
            }
            return result;
        } finally {
            running.unlock();
        }
    }

    MappingCheck check() {
        return check(requirements());
    }

    MappingCheck check(List<MappingRequirement> requirements) {
        if (!settings.crmConfigured()) {
            return MappingVerifier.notChecked(
                    requirements, clock.instant(), "no CRM is configured (" + CrmSettings.URL_KEY + ")");
        }
        if (waitingForPort()) {
            return MappingVerifier.notChecked(
                    requirements,
                    clock.instant(),
                    "the built-in sandbox's address is known after the first request Casegate serves");
        }
        ODataMetadata metadata;
        try {
            metadata = ODataMetadata.parse(
                    client.getDocument("read $metadata", METADATA, "application/xml", CrmCallObserver.NONE));
        } catch (CrmException | IllegalArgumentException cannotAsk) {
            return MappingVerifier.notChecked(requirements, clock.instant(), cannotAsk.getMessage());
        }
        try {
            return MappingVerifier.verify(requirements, metadata, this::exists, clock.instant());
        } catch (CrmException cannotAsk) {
            // Unreachable or logged out half-way: CrmRejectedException was taken as "unreadable" per record.
            return MappingVerifier.notChecked(requirements, clock.instant(), cannotAsk.getMessage());
        }
    }

    private boolean exists(String entitySet, UUID id) {
        return client.find(
                        "check " + entitySet,
                        "/0/odata/" + entitySet + "(" + ODataLiterals.guid(id) + ")",
                        Map.of("$select", "Id"),
                        CrmCallObserver.NONE)
                .isPresent();
    }

    /** Until the first request, the built-in sandbox's URL would be a guess (the configured port). */
    private boolean waitingForPort() {
        return settings.builtInSandbox() && localServer.learnedBaseUrl().isEmpty();
    }

    private void report(MappingCheck before, MappingCheck result) {
        if (result.summary().equals(before.summary())) {
            return;
        }
        Level level = result.invalid() ? Level.WARNING : Level.INFO;
        LOG.log(level, "CRM mapping self-check: {0}", result.summary());
    }

    private void scheduled() {
        if (stopped) {
            return;
        }
        try {
            checkNow();
        } catch (RuntimeException unexpected) {
            LOG.log(Level.WARNING, "The CRM mapping self-check failed; trying again in " + interval, unexpected);
            schedule(interval);
        }
    }

    private synchronized void schedule(Duration delay) {
        if (stopped || scheduler == null) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        next = scheduler.schedule(this::scheduled, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    private synchronized void cancelNext() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    List<MappingRequirement> requirements() {
        return settings.mapping().requirements();
    }
}
