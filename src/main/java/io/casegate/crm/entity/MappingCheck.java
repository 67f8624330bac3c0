package io.casegate.crm.entity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of the last self-check of the CRM mapping against the CRM: whether every entity set,
 * column and lookup record that the mapping names exists there.
 *
 * @param checkedAt when the check ended; null while none has run
 * @param problem   why the check could not be made (the CRM could not be reached, refused the
 *                  login, answered no CSDL); empty when it was made
 */
public record MappingCheck(State state, Instant checkedAt, List<RequirementCheck> requirements, String problem) {

    public enum State {
        /** Not checked yet: Casegate has just started, or the CRM could not be asked. Delivery goes on. */
        NOT_CHECKED,
        /** Everything the mapping needs is in the CRM. */
        VALID,
        /** Something is missing; delivery waits until a later check finds it. */
        INVALID
    }

    public MappingCheck {
        Objects.requireNonNull(state);
        requirements = List.copyOf(requirements);
        problem = problem == null ? "" : problem;
    }

    public static MappingCheck notCheckedYet() {
        return new MappingCheck(State.NOT_CHECKED, null, List.of(), "");
    }

    public boolean invalid() {
        return state == State.INVALID;
    }

    /**
     * Whether delivery should wait: while something is missing, and until the first check since
     * start has ended (a delivery in that moment would meet a mapping nobody has checked, and a
     * refusal of the CRM would make it a dead letter). A check that could not be made does not.
     */
    public boolean holdsDelivery() {
        return state == State.INVALID || state == State.NOT_CHECKED && checkedAt == null;
    }

    public List<RequirementCheck> missing() {
        return requirements.stream().filter(RequirementCheck::missing).toList();
    }

    /** The names of what is missing with the keys to change, for logs and the outbox's note. */
    public String summary() {
        return switch (state) {
            case NOT_CHECKED -> "not checked yet" + (problem.isEmpty() ? "" : ": " + problem);
            case VALID -> "valid";
            case INVALID ->
                "missing in the CRM: "
                        + String.join(
                                ", ",
                                missing().stream()
                                        .map(check -> check.name() + " (change "
                                                + check.requirement().configKey() + ")")
                                        .toList());
        };
    }
}
