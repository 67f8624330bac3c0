package io.casegate.cases.control;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The typed view of one run over a submission's {@link CaseProgress}: which steps earlier runs
 * and this one completed, and with what result. Read once when the run starts.
 */
final class StepLog {

    private final CaseProgress progress;
    private final Map<String, String> results;
    private final boolean firstRun;

    /** Starts a run: a first run records that it has started before it sends anything to the CRM. */
    StepLog(CaseProgress progress, String reference) {
        this.progress = progress;
        this.results = new HashMap<>(progress.results());
        this.firstRun = !results.containsKey(Step.STARTED.name());
        if (firstRun) {
            record(Step.STARTED, reference);
        }
    }

    /**
     * Whether no earlier run has started: then nothing of this submission can be in the CRM yet,
     * and nothing needs to be looked up by its id.
     */
    boolean firstRun() {
        return firstRun;
    }

    /** The step's recorded result, unless it is missing or incomplete (then the step runs again). */
    <T> Optional<T> recorded(Step<T> step) {
        return Optional.ofNullable(results.get(step.name())).map(step.reader()).filter(step.complete());
    }

    <T> void record(Step<T> step, T result) {
        String text = step.writer().apply(result);
        progress.complete(step.name(), text);
        results.put(step.name(), text);
    }
}
