package io.casegate.crm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** The requests in flight to the CRM: a limit for all, one permit a backlog cannot take. */
class CrmPermitsTest {

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }

    @Test
    void aBacklogTakesAllPermitsButOneAndAVisitorGetsTheLast() throws Exception {
        CrmPermits permits = new CrmPermits(3);
        permits.acquire(false);
        permits.acquire(false);
        AtomicBoolean backlogGotThird = new AtomicBoolean();
        Thread backlog = started(() -> {
            try {
                permits.acquire(false);
                backlogGotThird.set(true);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        backlog.join(300);
        assertFalse(backlogGotThird.get(), "the backlog waits with one permit still free");

        permits.acquire(true);
        assertEquals(3, permits.inFlight(), "the visitor took the last one at once");

        permits.release();
        permits.release();
        backlog.join(2000);
        assertTrue(backlogGotThird.get(), "the backlog goes on once a permit is back");
        assertEquals(2, permits.inFlight());
    }

    @Test
    void aWaitingVisitorGoesBeforeTheBacklogWhenAPermitIsFreed() throws Exception {
        CrmPermits permits = new CrmPermits(2);
        permits.acquire(true);
        permits.acquire(true);
        CountDownLatch visitorIn = new CountDownLatch(1);
        AtomicBoolean backlogIn = new AtomicBoolean();
        Thread backlog = started(() -> {
            try {
                permits.acquire(false);
                backlogIn.set(true);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        Thread visitor = started(() -> {
            try {
                permits.acquire(true);
                visitorIn.countDown();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(200);

        permits.release();

        assertTrue(visitorIn.await(2, TimeUnit.SECONDS), "the freed permit went to the visitor");
        assertFalse(backlogIn.get(), "never more than the limit in flight");
        assertEquals(2, permits.inFlight());
        backlog.interrupt();
        visitor.join();
    }
}
