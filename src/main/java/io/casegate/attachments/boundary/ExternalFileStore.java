package io.casegate.attachments.boundary;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import io.casegate.attachments.entity.AttachedFile;

/**
 * Storage outside the CRM for files the CRM does not take (too large, or of a type configured to
 * stay outside). The CRM gets a link to the returned URL instead of the bytes. Casegate itself is
 * the first such store ({@link LocalExternalFileStore}); an S3-compatible one can follow.
 */
public interface ExternalFileStore {

    /**
     * Makes the file reachable at an unguessable URL for at least {@code lifetime}. Publishing the
     * same attachment again answers the same URL, so a repeated delivery leaves no second copy.
     */
    URI publish(AttachedFile attachment, Duration lifetime);

    /** Removes the published copy of an attachment, if there is one: its link stops working at once. */
    void withdraw(UUID attachmentId);

    /** Removes the copies whose lifetime has passed; how many. Called on a timer. */
    int removeExpired();
}
