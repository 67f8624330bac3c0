package io.casegate.attachments.entity;

/** A file of a submission already in the attachment store, with its description as it arrived. */
public record StoredAttachment(IncomingFile file, StoredFile stored) {}
