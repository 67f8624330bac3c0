package io.casegate.attachments.boundary;

import java.net.URI;
import java.time.Duration;

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
}
