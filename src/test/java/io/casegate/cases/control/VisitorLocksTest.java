package io.casegate.cases.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.casegate.cases.entity.CaseRequest;
import io.casegate.testing.MovableClock;

/**
 * The visitor lock against the real schema (H2, migrated by the production scripts): deliveries of
 * one visitor take turns, deliveries of different visitors do not wait for each other, a crashed
 * holder's keys are taken over after the lease, and the keys go back when the contact is recorded.
 */
class VisitorLocksTest {

    final MovableClock clock = new MovableClock(Instant.parse("2026-05-01T10:00:00Z"));
    JdbcDataSource database;
    VisitorLocks cut;

    @BeforeEach
    void migratedDatabase() {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        cut = new VisitorLocks(database::getConnection, clock, Duration.ofSeconds(60), Duration.ofMillis(250));
    }

    static CaseRequest request(String email, String phone, String organisation, String inn) {
        return new CaseRequest(
                UUID.randomUUID(),
                "WEB-2026-000001",
                "Иванов Иван",
                email,
                phone,
                organisation,
                inn,
                "Кассовое ПО",
                "Тема",
                "Текст",
                Locale.forLanguageTag("ru"),
                Instant.parse("2026-05-01T09:59:00Z"),
                List.of());
    }

    static CaseProgress fresh() {
        Map<String, String> results = new HashMap<>();
        return new CaseProgress() {
            @Override
            public Map<String, String> results() {
                return results;
            }

            @Override
            public void complete(String step, String result) {
                results.put(step, result);
            }
        };
    }

    @Test
    void aSecondDeliveryOfTheSameVisitorWaitsUntilTheFirstHasRecordedItsContact() {
        VisitorTurn first = cut.turn(request("Ivanov@Example.ru", "+79123456789", "ООО Ромашка", null), fresh())
                .orElseThrow();
        assertTrue(
                cut.turn(request(" ivanov@example.ru", null, "ООО Другая", null), fresh())
                        .isEmpty(),
                "the same e-mail, typed otherwise");
        assertTrue(
                cut.turn(request("petrov@example.ru", "+79123456789", "ООО Другая", null), fresh())
                        .isEmpty(),
                "the same phone");
        assertTrue(
                cut.turn(request("petrov@example.ru", null, "ооо «Ромашка» ", null), fresh())
                        .isEmpty(),
                "the same organisation, its name typed otherwise");

        first.progress().complete("account", "none");
        assertTrue(
                cut.turn(request("ivanov@example.ru", null, "ООО Другая", null), fresh())
                        .isEmpty(),
                "still held after the organisation step");
        first.progress().complete(Step.CONTACT.name(), UUID.randomUUID() + ";none");
        assertTrue(
                cut.turn(request("ivanov@example.ru", null, "ООО Другая", null), fresh())
                        .isPresent(),
                "free once the contact step is recorded");
    }

    @Test
    void anOrganisationWithAnInnIsAlsoHeldByItsName() {
        cut.turn(request("a@example.ru", null, "ООО Ромашка", "7707083893"), fresh())
                .orElseThrow();
        assertTrue(cut.turn(request("b@example.ru", null, "ООО Ромашка", null), fresh())
                .isEmpty());
        assertTrue(cut.turn(request("c@example.ru", null, "ООО Лютик", "7707083893"), fresh())
                .isEmpty());
    }

    @Test
    void deliveriesOfDifferentVisitorsNeverWaitForEachOther() {
        cut.turn(request("a@example.ru", "+79000000001", "ООО А", "7707083893"), fresh())
                .orElseThrow();
        assertTrue(cut.turn(request("b@example.ru", "+79000000002", "ООО Б", "500100732259"), fresh())
                .isPresent());
    }

    @Test
    void takingIsAllOrNothing() throws SQLException {
        cut.turn(request("a@example.ru", null, "ООО А", null), fresh()).orElseThrow();
        assertTrue(
                cut.turn(request("b@example.ru", null, "ООО А", null), fresh()).isEmpty());
        assertEquals(2, rows(), "b's e-mail was not kept when its organisation was busy");
    }

    @Test
    void aRunThatEndsWithoutItsContactGivesTheKeysBack() {
        VisitorTurn failed =
                cut.turn(request("a@example.ru", null, "ООО А", null), fresh()).orElseThrow();
        failed.progress().crmCall("find contact", 503, 3);
        failed.ended();
        assertTrue(
                cut.turn(request("a@example.ru", null, "ООО А", null), fresh()).isPresent());
    }

    @Test
    void aCreateWithoutAnAnswerKeepsTheKeysUntilTheLeaseEnds() {
        VisitorTurn inDoubt =
                cut.turn(request("a@example.ru", null, "ООО А", null), fresh()).orElseThrow();
        inDoubt.progress().crmCall("create contact", 0, 30_000);
        inDoubt.ended();
        assertTrue(cut.turn(request("a@example.ru", null, null, null), fresh()).isEmpty());
        clock.advance(Duration.ofSeconds(125).plusMillis(1));
        assertTrue(cut.turn(request("a@example.ru", null, null, null), fresh()).isPresent());
    }

    @Test
    void theKeysOfACrashedNodeAreTakenOverAfterTheLeaseAndItsOwnRetryGetsThemAtOnce() {
        CaseRequest crashed = request("a@example.ru", "+79000000001", "ООО А", null);
        cut.turn(crashed, fresh()).orElseThrow();
        assertTrue(cut.turn(crashed, fresh()).isPresent(), "the same delivery, retried, takes its own keys again");
        CaseRequest other = request("a@example.ru", null, null, null);
        assertTrue(cut.turn(other, fresh()).isEmpty());
        clock.advance(Duration.ofSeconds(125).plusMillis(1));
        VisitorTurn taken = cut.turn(other, fresh()).orElseThrow();
        taken.ended();
        assertTrue(cut.turn(request("a@example.ru", null, null, null), fresh()).isPresent());
    }

    @Test
    void aDeliveryWhoseContactIsRecordedNeedsNoTurn() {
        cut.turn(request("a@example.ru", null, null, null), fresh()).orElseThrow();
        CaseProgress resumed = fresh();
        resumed.complete(Step.CONTACT.name(), UUID.randomUUID() + ";none");
        assertTrue(cut.turn(request("a@example.ru", null, null, null), resumed).isPresent());
    }

    @Test
    void ofManyDeliveriesOfOneVisitorAtOnceExactlyOneHasItsTurn() throws Exception {
        int takers = 16;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger turns = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(takers);
        try {
            List<Future<Optional<VisitorTurn>>> results = new java.util.ArrayList<>();
            for (int i = 0; i < takers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cut.turn(request("same@example.ru", "+79000000001", "ООО А", null), fresh());
                }));
            }
            start.countDown();
            for (Future<Optional<VisitorTurn>> result : results) {
                if (result.get().isPresent()) {
                    turns.incrementAndGet();
                }
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, turns.get());
    }

    @Test
    void theLockTableHoldsNoPersonalData() throws SQLException {
        cut.turn(request("ivanov@example.ru", "+79123456789", "ООО Ромашка", "7707083893"), fresh())
                .orElseThrow();
        try (Connection connection = database.getConnection();
                ResultSet keys = connection.createStatement().executeQuery("SELECT lock_key FROM visitor_lock")) {
            while (keys.next()) {
                assertTrue(keys.getString(1).matches("[0-9a-f]{64}"), keys.getString(1));
            }
        }
        assertEquals(4, rows());
    }

    @Test
    void busyIsADeferralOfAFractionOfASecond() {
        Duration after = cut.notYourTurn().after();
        assertFalse(
                after.compareTo(Duration.ofMillis(250)) < 0 || after.compareTo(Duration.ofMillis(501)) > 0,
                after::toString);
    }

    private int rows() throws SQLException {
        try (Connection connection = database.getConnection();
                ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM visitor_lock")) {
            count.next();
            return count.getInt(1);
        }
    }
}
