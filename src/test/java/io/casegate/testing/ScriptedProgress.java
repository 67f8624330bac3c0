package io.casegate.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.casegate.cases.control.InMemoryCaseProgress;

/**
 * Progress kept in memory that can act after a step (switch a sandbox fault, say) or die at the
 * k-th completed step as a crashed server would: the CRM has the step's record, the progress has not.
 */
public class ScriptedProgress extends InMemoryCaseProgress {

    /** The run "died" here. */
    public static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped(String step) {
            super("stopped before recording " + step);
        }
    }

    private final Map<String, Runnable> afterStep = new ConcurrentHashMap<>();
    private final AtomicInteger completions = new AtomicInteger();
    private volatile int stopAtCompletion;

    public ScriptedProgress after(String step, Runnable action) {
        afterStep.put(step, action);
        return this;
    }

    /** The {@code k}-th completion (1-based) throws instead of being recorded; 0 = never. */
    public ScriptedProgress stopAtCompletion(int k) {
        stopAtCompletion = k;
        completions.set(0);
        return this;
    }

    @Override
    public void complete(String step, String result) {
        if (completions.incrementAndGet() == stopAtCompletion) {
            throw new Stopped(step);
        }
        super.complete(step, result);
        Runnable action = afterStep.remove(step);
        if (action != null) {
            action.run();
        }
    }

    public long crmCalls() {
        return calls().stream().filter(call -> !call.operation().startsWith("login")).count();
    }

    public long logins() {
        return calls().stream().filter(call -> call.operation().startsWith("login")).count();
    }
}
