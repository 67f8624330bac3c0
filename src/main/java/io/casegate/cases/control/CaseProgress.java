package io.casegate.cases.control;

import java.util.Map;
import java.util.UUID;

/**
 * Where the workflow for one submission has got to, as its keeper stores it: the result of each
 * completed step as text, by step name. The workflow reads and writes it through {@link StepLog},
 * which owns the steps' types and their texts. {@link CaseSteps} keeps it in the database; tests
 * may keep it in memory.
 */
public interface CaseProgress {

    /** The recorded results of the steps completed before this run, by step. A run asks once, at its start. */
    Map<String, String> results();

    /** Records that a step completed with the given result. */
    void complete(String step, String result);

    /**
     * The case exists in the CRM and has its number, before the message and files follow: the
     * number can be shown at once. Reported again by a run that resumes after the case step.
     */
    default void caseOpened(UUID caseId, String number) {}

    /** Notes one call to the CRM (not a login), for the submission's call log and the metrics. */
    default void crmCall(String operation, int status, long millis) {}

    /** Notes a login that this submission's run performed. */
    default void crmLogin(boolean succeeded, long millis) {}
}
