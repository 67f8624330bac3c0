package io.casegate.crm.entity;

/**
 * Learns of every request made to the CRM on someone's behalf, so that a submission's calls and
 * logins can be counted and logged.
 */
public interface CrmCallObserver {

    CrmCallObserver NONE = new CrmCallObserver() {};

    /** A request other than a login; {@code status} is 0 when no answer came. */
    default void call(String operation, int status, long millis) {}

    /** A login that this caller performed (callers that waited for someone else's login see none). */
    default void login(boolean succeeded, long millis) {}

    /**
     * Whether someone waits for the answer (a visitor for the case number, a page for the services):
     * such requests go before a backlog's when the CRM's requests in flight are at their limit.
     */
    default boolean visitorWaiting() {
        return true;
    }
}
