package io.casegate.crm.control;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The requests in flight to the CRM: never more than {@code casegate.crm.max-concurrency}. Requests
 * with a visitor waiting for their answer go first; the rest (a backlog draining after an outage)
 * may use all permits but one, so that a new visitor's request never waits behind the backlog for
 * longer than the next request to end.
 */
final class CrmPermits {

    private final int max;
    private final int forBacklog;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private int inFlight;
    private int visitorsWaiting;

    CrmPermits(int max) {
        this.max = Math.max(1, max);
        this.forBacklog = this.max > 1 ? this.max - 1 : 1;
    }

    void acquire(boolean visitorWaiting) throws InterruptedException {
        lock.lock();
        try {
            if (visitorWaiting) {
                visitorsWaiting++;
                try {
                    while (inFlight >= max) {
                        freed.await();
                    }
                } finally {
                    visitorsWaiting--;
                    freed.signalAll();
                }
            } else {
                while (inFlight >= forBacklog || visitorsWaiting > 0) {
                    freed.await();
                }
            }
            inFlight++;
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            inFlight--;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }
}
