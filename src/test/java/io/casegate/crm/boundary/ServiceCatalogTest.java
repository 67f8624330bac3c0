package io.casegate.crm.boundary;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.casegate.crm.control.CrmSettings;
import io.casegate.crm.control.StoredServiceList;
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

    /** A CRM that lists one service, or cannot be reached, or answers only after {@code latency}. */
    static final class FakeCases extends CrmCases {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean reachable = true;
        volatile Duration latency = Duration.ZERO;

        @Override
        public List<ServiceOption> services(CrmCallObserver observer) {
            calls.incrementAndGet();
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

    static final ServiceOption CRM_SERVICE = new ServiceOption("22222222-2222-2222-2222-222222222222", "Кассовое ПО");
    static final ServiceOption STORED_SERVICE = new ServiceOption("33333333-3333-3333-3333-333333333333", "Маркировка");

    final ExecutorService background = Executors.newCachedThreadPool();

    @AfterEach
    void stopBackground() {
        background.shutdownNow();
    }

    ServiceCatalog node(StoredServiceList store) {
        return new ServiceCatalog(settings, crm, clock, store, background, Duration.ofMillis(200));
    }

    @Test
    void aNodeStartedWhileTheCrmIsDownOffersTheListStoredBeforeNotTheFallback() {
        StoredServiceList database = StoredServiceList.inMemory();
        assertEquals(List.of(CRM_SERVICE), node(database).services());

        crm.reachable = false;
        ServiceCatalog startedDuringTheOutage = node(database);
        assertEquals(List.of(CRM_SERVICE), startedDuringTheOutage.services());
        assertEquals(
                true,
                startedDuringTheOutage
                        .find(CRM_SERVICE.id(), CrmCallObserver.NONE)
                        .isPresent());
    }

    @Test
    void theConfiguredFallbackIsTheLastResortWhenNoListWasEverStored() {
        crm.reachable = false;
        assertEquals(
                settings.fallbackServices(), node(StoredServiceList.inMemory()).services());
    }

    @Test
    void aPageViewWaitsForASlowCrmOnlyItsBudgetAndShowsTheStoredListMeanwhile() {
        StoredServiceList database = StoredServiceList.inMemory();
        database.save(List.of(STORED_SERVICE));
        crm.latency = Duration.ofSeconds(3);
        ServiceCatalog cut = node(database);

        long started = System.nanoTime();
        assertEquals(List.of(STORED_SERVICE), cut.services());
        assertEquals(List.of(STORED_SERVICE), cut.services());
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(waitedMillis < 1000, "two page views waited " + waitedMillis + " ms");

        // The read went on in the background; once it has ended, the CRM's list is offered and stored.
        await().atMost(Duration.ofSeconds(10)).until(() -> cut.services().equals(List.of(CRM_SERVICE)));
        assertEquals(List.of(CRM_SERVICE), database.load());
        assertEquals(1, crm.calls.get(), "one read, however many page views waited for it");
    }

    @Test
    void withNothingStoredAndNoFallbackThePageWaitsForTheFirstList() {
        crm.latency = Duration.ofMillis(600);
        ServiceCatalog firstStart = new ServiceCatalog(
                CrmSettings.from(MapConfig.of(Map.of())),
                crm,
                clock,
                StoredServiceList.inMemory(),
                background,
                Duration.ofMillis(200));
        assertEquals(List.of(CRM_SERVICE), firstStart.services(), "a form without services could not be sent");
    }

    @Test
    void aDeliveryWaitsForTheCrmsList() {
        crm.latency = Duration.ofMillis(600);
        assertEquals(
                CRM_SERVICE,
                node(StoredServiceList.inMemory())
                        .find("Кассовое ПО", CrmCallObserver.NONE)
                        .orElseThrow());
    }

    @Test
    void aCrmThatListsNoServicesLeavesTheLastListOffered() {
        StoredServiceList database = StoredServiceList.inMemory();
        database.save(List.of(STORED_SERVICE));
        ServiceCatalog cut = new ServiceCatalog(
                settings,
                new CrmCases() {
                    @Override
                    public List<ServiceOption> services(CrmCallObserver observer) {
                        return List.of();
                    }
                },
                clock,
                database,
                background,
                Duration.ofMillis(200));
        assertEquals(List.of(STORED_SERVICE), cut.services());
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
