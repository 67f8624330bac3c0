package io.casegate.cases.control;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * A delivery's turn at its visitor's contact: the keys it holds ({@link VisitorLocks}) and the
 * progress to run the workflow with, which gives the keys back as soon as the contact step is
 * recorded. Should the run end before that, {@link #ended()} gives them back too, unless a create
 * call of this run got no answer: then the CRM may yet hold that record, and the keys stay held
 * until their lease runs out, so that the visitor's next delivery searches only once it would find it.
 */
public final class VisitorTurn {

    private static final Logger LOG = Logger.getLogger(VisitorTurn.class.getName());

    private final VisitorLocks locks;
    private final Set<String> keys;
    private final UUID holder;
    private final CaseProgress progress;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean createInDoubt;

    VisitorTurn(VisitorLocks locks, Set<String> keys, UUID holder, CaseProgress progress) {
        this.locks = locks;
        this.keys = Set.copyOf(keys);
        this.holder = holder;
        this.progress = new Releasing(progress);
    }

    /** The progress to run the workflow with. */
    public CaseProgress progress() {
        return progress;
    }

    /** The run has ended, however: the keys go back unless a create of this run is in doubt. */
    public void ended() {
        if (createInDoubt && !released.get()) {
            LOG.info(() -> "Submission " + holder
                    + " ended without an answer to a create call; its visitor's keys stay held until their lease ends");
            return;
        }
        release();
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            locks.release(keys, holder);
        }
    }

    /** Passes everything on; gives the keys back once the contact step is recorded. */
    private final class Releasing implements CaseProgress {
        private final CaseProgress delegate;

        Releasing(CaseProgress delegate) {
            this.delegate = delegate;
        }

        @Override
        public Map<String, String> results() {
            return delegate.results();
        }

        @Override
        public void complete(String step, String result) {
            delegate.complete(step, result);
            if (step.equals(Step.CONTACT.name())) {
                release();
            }
        }

        @Override
        public void caseOpened(UUID caseId, String number) {
            delegate.caseOpened(caseId, number);
        }

        @Override
        public void crmCall(String operation, int status, long millis) {
            // No answer, or a server error other than "unavailable", to a create: the CRM may have made the record.
            if (operation.startsWith("create ") && (status == 0 || (status >= 500 && status != 503))) {
                createInDoubt = true;
            }
            delegate.crmCall(operation, status, millis);
        }

        @Override
        public void crmLogin(boolean succeeded, long millis) {
            delegate.crmLogin(succeeded, millis);
        }
    }
}
