package io.casegate.attachments.entity;

import java.util.UUID;

import io.casegate.platform.FileContent;

/**
 * A file of a submission. Its bytes are read from Casegate's attachment store when the workflow
 * uploads them, and never held whole in memory.
 */
public record AttachedFile(UUID id, String fileName, String mediaType, long size, FileContent content) {}
