package io.casegate.tickets.entity;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/**
 * A file of a submission. Its bytes are read from Casegate's attachment store when the workflow
 * uploads them, and never held whole in memory.
 */
public record TicketAttachment(UUID id, String fileName, String mediaType, long size, Content content) {

    /** Opens the file's bytes; each call gives a fresh stream from the start. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }
}
