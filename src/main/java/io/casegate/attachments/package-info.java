/**
 * A submission's files: the rules they must meet, their bytes in local storage (streamed, never
 * held whole), their rows, their retention after delivery and the removal of orphans, and the
 * expiring links for files the CRM does not take ({@code ExternalFileStore}, served at
 * {@code /files/}).
 * <p>
 * Public face: {@code boundary} ({@code Attachments}, {@code AttachmentStore}, {@code FilePolicy},
 * {@code ExternalFileStore}) and {@code entity}. Owns the table {@code attachment}; its retention
 * query reads the submission's {@code delivered_at} (feedback's column) and writes nothing there.
 * Uses {@code platform}.
 */
package io.casegate.attachments;
