package io.casegate.crm.boundary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.casegate.crm.control.CrmSettings;
import io.casegate.crm.entity.CrmCallObserver;
import io.casegate.crm.entity.CrmException;
import io.casegate.crm.entity.ServiceOption;

/**
 * The commercial services a visitor can choose on the form, as the CRM lists them, cached for
 * {@code casegate.crm.services-cache-time}. While the CRM cannot be reached the configured
 * {@code casegate.crm.fallback-services} are offered, and the CRM is asked again after a short pause
 * rather than on every page view.
 */
@ApplicationScoped
public class ServiceCatalog {

    private static final Logger LOG = Logger.getLogger(ServiceCatalog.class.getName());
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    private record Listing(List<ServiceOption> services, Instant validUntil) {}

    @Inject
    CrmSettings settings;

    @Inject
    CrmCases cases;

    @Inject
    Clock clock;

    private final ReentrantLock refresh = new ReentrantLock();
    private volatile Listing listing;

    public ServiceCatalog() {}

    /** Wired by hand, for tests. */
    public ServiceCatalog(CrmSettings settings, CrmCases cases, Clock clock) {
        this.settings = settings;
        this.cases = cases;
        this.clock = clock;
    }

    public List<ServiceOption> services() {
        return services(CrmCallObserver.NONE);
    }

    /** The services, asking the CRM (and telling {@code observer}) only when the cached list has expired. */
    public List<ServiceOption> services(CrmCallObserver observer) {
        Listing cached = listing;
        if (cached != null && clock.instant().isBefore(cached.validUntil())) {
            return cached.services();
        }
        refresh.lock();
        try {
            cached = listing;
            if (cached != null && clock.instant().isBefore(cached.validUntil())) {
                return cached.services();
            }
            Listing fresh;
            try {
                fresh = new Listing(cases.services(observer), clock.instant().plus(settings.servicesCacheTime()));
            } catch (CrmException unreachable) {
                LOG.log(
                        Level.WARNING,
                        "The service list could not be read from the CRM, offering the configured fallback: {0}",
                        unreachable.getMessage());
                fresh = new Listing(settings.fallbackServices(), clock.instant().plus(RETRY_AFTER_FAILURE));
            }
            listing = fresh;
            return fresh.services();
        } finally {
            refresh.unlock();
        }
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
