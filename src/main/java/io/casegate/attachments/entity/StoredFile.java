package io.casegate.attachments.entity;

/** A file written to the attachment store: where it is, how large, and its SHA-256 in hex. */
public record StoredFile(String storageKey, long size, String sha256) {}
