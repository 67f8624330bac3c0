package io.casegate.crm.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.casegate.crm.control.CrmSettings;
import io.casegate.crm.entity.CrmCallObserver;
import io.casegate.crm.entity.CrmUnavailableException;
import io.casegate.crm.entity.ServiceOption;
import io.casegate.testing.MapConfig;
import io.casegate.testing.MovableClock;

class ServiceCatalogTest {

    final MovableClock clock = new MovableClock(Instant.parse("2026-05-01T10:00:00Z"));
    final CrmSettings settings = CrmSettings.from(MapConfig.of(Map.of(
            "casegate.crm.fallback-services", "11111111-1111-1111-1111-111111111111=АТОЛ Онлайн; Оборудование",
            "casegate.crm.services-cache-time", "5m")));

    /** A CRM that lists one service, or cannot be reached. */
    static final class FakeCases extends CrmCases {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean reachable = true;

        @Override
        public List<ServiceOption> services(CrmCallObserver observer) {
            calls.incrementAndGet();
            if (!reachable) {
                throw new CrmUnavailableException("connection refused", null);
            }
            return List.of(new ServiceOption("22222222-2222-2222-2222-222222222222", "Кассовое ПО"));
        }
    }

    final FakeCases crm = new FakeCases();
    final ServiceCatalog cut = new ServiceCatalog(settings, crm, clock);

    @Test
    void listsTheCrmServicesAndCachesThemForTheConfiguredTime() {
        assertEquals("Кассовое ПО", cut.services().get(0).name());
        clock.advance(Duration.ofMinutes(4));
        cut.services();
        assertEquals(1, crm.calls.get());
        clock.advance(Duration.ofMinutes(1));
        cut.services();
        assertEquals(2, crm.calls.get());
    }

    @Test
    void offersTheConfiguredFallbackWhileTheCrmCannotBeReached() {
        crm.reachable = false;
        assertEquals(
                List.of(
                        new ServiceOption("11111111-1111-1111-1111-111111111111", "АТОЛ Онлайн"),
                        new ServiceOption("Оборудование", "Оборудование")),
                cut.services());
        cut.services();
        assertEquals(1, crm.calls.get(), "not asked again on every page view");
        crm.reachable = true;
        clock.advance(Duration.ofSeconds(30));
        assertEquals("Кассовое ПО", cut.services().get(0).name());
    }

    @Test
    void findsAServiceByIdOrByExactName() {
        assertEquals(
                "Кассовое ПО",
                cut.find("22222222-2222-2222-2222-222222222222", CrmCallObserver.NONE)
                        .orElseThrow()
                        .name());
        assertEquals(
                "22222222-2222-2222-2222-222222222222",
                cut.find("Кассовое ПО", CrmCallObserver.NONE).orElseThrow().id());
        assertEquals(true, cut.find("кассовое по", CrmCallObserver.NONE).isEmpty());
    }
}
