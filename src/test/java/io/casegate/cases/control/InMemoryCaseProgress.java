package io.casegate.cases.control;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Progress kept in memory only: for tests, and for callers that do not persist it. */
public class InMemoryCaseProgress implements CaseProgress {

    public record Call(String operation, int status, long millis) {
    }

    /** A reported case, with the number of CRM calls made before it was reported. */
    public record OpenedCase(UUID id, String number, int callsBefore) {
    }

    private final Map<String, String> results = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<OpenedCase> openedCases = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> results() {
        return Map.copyOf(results);
    }

    @Override
    public void complete(String step, String result) {
        results.put(step, result);
    }

    @Override
    public void caseOpened(UUID caseId, String number) {
        openedCases.add(new OpenedCase(caseId, number, calls.size()));
    }

    @Override
    public void crmCall(String operation, int status, long millis) {
        calls.add(new Call(operation, status, millis));
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<OpenedCase> openedCases() {
        return List.copyOf(openedCases);
    }
}
