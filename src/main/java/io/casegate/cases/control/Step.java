package io.casegate.cases.control;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import io.casegate.crm.entity.CrmContact;

/**
 * A step of the case workflow, with the type of its result and the one way that result is written
 * into the step log and read back. The texts are what the log has always held (a delivery may be
 * resumed by a newer version), so they change only together with a migration.
 */
record Step<T>(String name, Function<T, String> writer, Function<String, T> reader, Predicate<T> complete) {

    Step(String name, Function<T, String> writer, Function<String, T> reader) {
        this(name, writer, reader, result -> true);
    }

    /** A case created in the CRM and the number the CRM gave it. */
    record CaseRef(UUID id, String number) {

        /** A case is opened for the visitor only once it has a number: "№ " with nothing after it is no answer. */
        boolean hasNumber() {
            return number != null && !number.isBlank();
        }
    }

    /** Some stores cannot keep an empty string, so "no organisation" is written as a word. */
    private static final String NONE = "none";

    /** Recorded before the first CRM call of the first run; its result is the submission's reference. */
    static final Step<String> STARTED = new Step<>("started", Function.identity(), Function.identity());

    /** The visitor's organisation; empty when the visitor named none. */
    static final Step<Optional<UUID>> ACCOUNT = new Step<>("account", Step::idOrNone, Step::noneOrId);

    static final Step<CrmContact> CONTACT = new Step<>(
            "contact", contact -> contact.id() + ";" + idOrNone(Optional.ofNullable(contact.accountId())), text -> {
                String[] parts = text.split(";", 2);
                return new CrmContact(
                        UUID.fromString(parts[0]),
                        parts.length < 2 ? null : noneOrId(parts[1]).orElse(null));
            });

    /** A case recorded without a number (by a version that accepted one) is not complete: it is read again. */
    static final Step<CaseRef> CASE = new Step<>(
            "case",
            created -> created.id() + ";" + created.number(),
            text -> {
                String[] parts = text.split(";", 2);
                return new CaseRef(UUID.fromString(parts[0]), parts.length < 2 ? "" : parts[1]);
            },
            CaseRef::hasNumber);

    static final Step<UUID> MESSAGE = new Step<>("message", UUID::toString, UUID::fromString);

    /** The upload (or link) of one of the submission's files; the result is the CRM file record's id. */
    static Step<UUID> file(UUID attachmentId) {
        return new Step<>("file:" + attachmentId, UUID::toString, UUID::fromString);
    }

    private static String idOrNone(Optional<UUID> id) {
        return id.map(UUID::toString).orElse(NONE);
    }

    private static Optional<UUID> noneOrId(String text) {
        return text.isEmpty() || text.equals(NONE) ? Optional.empty() : Optional.of(UUID.fromString(text));
    }
}
