package io.casegate.crm.boundary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.casegate.crm.control.CrmSettings;
import io.casegate.crm.control.StoredServiceList;
import io.casegate.crm.entity.CrmCallObserver;
import io.casegate.crm.entity.ServiceOption;

/**
 * The commercial services a visitor can choose on the form, as the CRM lists them. The list is read
 * in the background (at most one read at a time), kept in memory for
 * {@code casegate.crm.services-cache-time} and refreshed before it expires, and each list the CRM
 * gives is also stored in the database ({@link StoredServiceList}), so that every node, and a node
 * started while the CRM is down, can offer it. A page view waits for the CRM at most
 * {@code casegate.crm.services-wait}; then it shows the best list known: the last one read, else the
 * stored one, else the configured {@code casegate.crm.fallback-services}; only when none of these
 * has a service does it wait for the read, since a form without services cannot be sent. After a
 * failed read the CRM is asked again after a short pause rather than on every page view.
 */
@ApplicationScoped
public class ServiceCatalog {

    private static final Logger LOG = Logger.getLogger(ServiceCatalog.class.getName());
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    /** The services offered until {@code validUntil}, when the CRM is asked again. */
    private record Listing(List<ServiceOption> services, Instant validUntil) {}

    @Inject
    CrmSettings settings;

    @Inject
    CrmCases cases;

    @Inject
    Clock clock;

    @Inject
    StoredServiceList stored;

    /** How long a page view waits for the CRM's list before it shows the one it has. */
    @Inject
    @ConfigProperty(name = "casegate.crm.services-wait", defaultValue = "300ms")
    Duration servicesWait;

    @Resource
    ManagedExecutorService managedExecutor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private Executor handWiredExecutor;
    private final AtomicReference<Listing> listing = new AtomicReference<>();
    /** The read under way, if any; guarded by {@code this}. */
    private CompletableFuture<List<ServiceOption>> reading;
    /** A page view has already waited in vain for {@link #reading}: the next ones do not wait for it again. */
    private volatile boolean readingIsSlow;

    private ScheduledFuture<?> refreshAhead;

    public ServiceCatalog() {}

    /** Wired by hand, for tests that need no stored list: the CRM is read on the caller's thread. */
    public ServiceCatalog(CrmSettings settings, CrmCases cases, Clock clock) {
        this(settings, cases, clock, StoredServiceList.inMemory(), Runnable::run, Duration.ZERO);
    }

    /** Wired by hand, for tests: reads run on {@code executor}; nothing is refreshed ahead. */
    public ServiceCatalog(
            CrmSettings settings,
            CrmCases cases,
            Clock clock,
            StoredServiceList stored,
            Executor executor,
            Duration servicesWait) {
        this.settings = settings;
        this.cases = cases;
        this.clock = clock;
        this.stored = stored;
        this.handWiredExecutor = executor;
        this.servicesWait = servicesWait;
    }

    @PreDestroy
    void stop() {
        synchronized (this) {
            if (refreshAhead != null) {
                refreshAhead.cancel(false);
            }
        }
    }

    /** The services for a page: waits for the CRM at most {@code casegate.crm.services-wait}. */
    public List<ServiceOption> services() {
        return services(CrmCallObserver.NONE, readingIsSlow ? Duration.ZERO : servicesWait);
    }

    /**
     * The services for a delivery, which may wait for the CRM as long as the CRM client allows: a
     * read that the CRM answers is counted for {@code observer}.
     */
    public List<ServiceOption> services(CrmCallObserver observer) {
        return services(observer, null);
    }

    private List<ServiceOption> services(CrmCallObserver observer, Duration wait) {
        Listing current = listing.get();
        if (current != null && clock.instant().isBefore(current.validUntil())) {
            return current.services();
        }
        if (current == null) {
            List<ServiceOption> known = bestKnown(List.of());
            if (!known.isEmpty()) {
                // Known, not read: offered while the CRM is asked (and should a read end first, its list stays).
                listing.compareAndSet(null, new Listing(known, clock.instant()));
            } else {
                // Nothing stored, nothing configured: the CRM's answer is the only form that can be sent.
                wait = null;
            }
        }
        startRefreshingAhead();
        CompletableFuture<List<ServiceOption>> read = read(observer);
        try {
            if (wait == null) {
                read.get();
            } else {
                read.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException slow) {
            readingIsSlow = true;
            LOG.fine("The CRM did not list the services within the wait; showing the list known before");
        } catch (ExecutionException failed) {
            // Logged, and remembered with the list to show, where the read ended.
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        current = listing.get();
        return current == null ? settings.fallbackServices() : current.services();
    }

    /** The read under way, or a new one. */
    private synchronized CompletableFuture<List<ServiceOption>> read(CrmCallObserver observer) {
        if (reading != null && !reading.isDone()) {
            return reading;
        }
        readingIsSlow = false;
        reading = CompletableFuture.supplyAsync(() -> cases.services(observer), executor())
                .whenComplete(this::remember);
        return reading;
    }

    private void remember(List<ServiceOption> services, Throwable failure) {
        readingIsSlow = false;
        Listing before = listing.get();
        List<ServiceOption> offeredBefore = before == null ? List.of() : before.services();
        if (failure != null) {
            LOG.log(
                    Level.WARNING,
                    "The service list could not be read from the CRM; offering the last one known: {0}",
                    failure.getCause() == null
                            ? failure.getMessage()
                            : failure.getCause().getMessage());
            listing.set(new Listing(bestKnown(offeredBefore), clock.instant().plus(RETRY_AFTER_FAILURE)));
            return;
        }
        if (services.isEmpty()) {
            // A form without a service to choose cannot be sent; any list known is better.
            LOG.warning("The CRM lists no services; offering the last list known");
            listing.set(new Listing(bestKnown(offeredBefore), clock.instant().plus(settings.servicesCacheTime())));
            return;
        }
        try {
            if (!services.equals(offeredBefore)) {
                stored.save(services);
            }
        } catch (RuntimeException notStored) {
            LOG.log(Level.WARNING, "The service list could not be stored; it is offered all the same", notStored);
        }
        listing.set(new Listing(services, clock.instant().plus(settings.servicesCacheTime())));
    }

    /** {@code offered} if it has services, else the stored list, else the configured fallback. */
    private List<ServiceOption> bestKnown(List<ServiceOption> offered) {
        if (!offered.isEmpty()) {
            return offered;
        }
        try {
            List<ServiceOption> last = stored.load();
            if (!last.isEmpty()) {
                return last;
            }
        } catch (RuntimeException unreadable) {
            LOG.log(Level.WARNING, "The stored service list could not be read", unreadable);
        }
        return settings.fallbackServices();
    }

    /**
     * Once the catalog is in use (not at deployment: until the first request the built-in sandbox's
     * port is not known), the list is read again before it expires, so that page views find it fresh.
     */
    private synchronized void startRefreshingAhead() {
        if (refreshAhead != null || scheduler == null) {
            return;
        }
        long period = Math.max(1000, settings.servicesCacheTime().toMillis() / 2);
        try {
            refreshAhead = scheduler.scheduleWithFixedDelay(
                    () -> {
                        Listing current = listing.get();
                        if (current == null
                                || !clock.instant().plusMillis(period).isBefore(current.validUntil())) {
                            read(CrmCallObserver.NONE);
                        }
                    },
                    period,
                    period,
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException refused) {
            LOG.log(Level.FINE, "The service list is not refreshed ahead; page views refresh it", refused);
        }
    }

    private Executor executor() {
        return handWiredExecutor != null ? handWiredExecutor : managedExecutor;
    }

    /** The service with this id, or else with exactly this name. */
    public Optional<ServiceOption> find(String idOrName, CrmCallObserver observer) {
        if (idOrName == null || idOrName.isBlank()) {
            return Optional.empty();
        }
        String wanted = idOrName.strip();
        List<ServiceOption> services = services(observer);
        return services.stream()
                .filter(service -> service.id().equalsIgnoreCase(wanted))
                .findFirst()
                .or(() -> services.stream()
                        .filter(service -> service.name().equals(wanted))
                        .findFirst());
    }
}
