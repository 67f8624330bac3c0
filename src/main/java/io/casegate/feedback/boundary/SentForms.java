package io.casegate.feedback.boundary;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.SessionScoped;

/**
 * The submissions this browser session has sent with the form, so that the success dialog can show
 * their case number later (the dialog's questions to {@link CaseNumberServlet}, the page a plain
 * POST is redirected to) without a request thread waiting for it, and only to the visitor who sent
 * them: a reference is sequential and easy to guess, a session is not.
 */
@SessionScoped
public class SentForms implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A person sends one or two requests; the limit only keeps a scripted session small. */
    static final int MAX_REMEMBERED = 20;

    /**
     * @param email the address the visitor gave, for the dialog's "the number will come to …"
     */
    public record Sent(String reference, String email, Instant acceptedAt) implements Serializable {}

    private final Map<String, Sent> sent = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    /** Remembers a sent form; a repeat of the same submission keeps its first time. */
    public synchronized void remember(String reference, String email, Instant acceptedAt) {
        sent.putIfAbsent(reference, new Sent(reference, email, acceptedAt));
    }

    public synchronized Optional<Sent> find(String reference) {
        return reference == null ? Optional.empty() : Optional.ofNullable(sent.get(reference.strip()));
    }
}
