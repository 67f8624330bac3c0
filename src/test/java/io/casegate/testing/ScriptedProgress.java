package io.casegate.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.casegate.cases.control.CaseProgress;

/**
 * Progress kept in memory, with the calls and the reported case for the tests to look at. It can
 * act after a step (switch a sandbox fault, say) or die at the k-th completed step as a crashed
 * server would: the CRM has the step's record, the progress has not.
 */
public class ScriptedProgress implements CaseProgress {

    public record Call(String operation, int status, long millis) {}

    /** A reported case, with the number of CRM calls made before it was reported. */
    public record OpenedCase(UUID id, String number, int callsBefore) {}

    private final Map<String, String> results = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<OpenedCase> openedCases = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> results() {
        return Map.copyOf(results);
    }

    @Override
    public void caseOpened(UUID caseId, String number) {
        openedCases.add(new OpenedCase(caseId, number, calls.size()));
    }

    @Override
    public void crmCall(String operation, int status, long millis) {
        calls.add(new Call(operation, status, millis));
        if (calls.size() == stopAfterCall) {
            throw new Stopped("anything: died right after the CRM answered " + operation);
        }
    }

    /** Logins appear among the calls, as in the admin area's call log. */
    @Override
    public void crmLogin(boolean succeeded, long millis) {
        calls.add(new Call(succeeded ? "login" : "login (failed)", succeeded ? 200 : 0, millis));
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<OpenedCase> openedCases() {
        return List.copyOf(openedCases);
    }

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
    private volatile int stopAfterCall;

    /**
     * The run dies once the CRM has answered the {@code k}-th call (1-based, counting from now),
     * before it can act on the answer; 0 = never.
     */
    public ScriptedProgress stopAfterCall(int k) {
        stopAfterCall = k == 0 ? 0 : calls.size() + k;
        return this;
    }

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
        results.put(step, result);
        Runnable action = afterStep.remove(step);
        if (action != null) {
            action.run();
        }
    }

    public long crmCalls() {
        return calls().stream()
                .filter(call -> !call.operation().startsWith("login"))
                .count();
    }

    public long logins() {
        return calls().stream()
                .filter(call -> call.operation().startsWith("login"))
                .count();
    }
}
