package io.casegate.crm.entity;

import java.util.UUID;

import io.casegate.platform.FileContent;

/**
 * A file to attach to a case or to its message.
 *
 * @param id the file record's id in the CRM
 * @param messageId the message it may be attached to instead of the case, by configuration
 */
public record CrmFile(
        UUID id, UUID caseId, UUID messageId, String fileName, String mediaType, long size, FileContent content) {}
