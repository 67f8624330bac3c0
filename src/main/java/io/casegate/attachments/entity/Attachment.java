package io.casegate.attachments.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A stored file of a submission: its description and where the attachment store keeps its bytes. */
@Entity
@Table(name = "attachment")
@NamedQuery(
        name = Attachment.OF_SUBMISSION,
        query = "SELECT a FROM Attachment a WHERE a.submissionId = :submissionId ORDER BY a.ordinal")
public class Attachment {

    public static final String OF_SUBMISSION = "Attachment.ofSubmission";

    @Id
    private String id;

    @Column(name = "submission_id")
    private String submissionId;

    private int ordinal;

    @Column(name = "file_name")
    private String fileName;

    @Column(name = "media_type")
    private String mediaType;

    @Column(name = "size_bytes")
    private long size;

    private String sha256;

    @Column(name = "storage_key")
    private String storageKey;

    @Column(name = "removed_at")
    private Instant removedAt;

    protected Attachment() {}

    public Attachment(
            UUID id,
            UUID submissionId,
            int ordinal,
            String fileName,
            String mediaType,
            long size,
            String sha256,
            String storageKey) {
        this.id = id.toString();
        this.submissionId = submissionId.toString();
        this.ordinal = ordinal;
        this.fileName = fileName;
        this.mediaType = mediaType;
        this.size = size;
        this.sha256 = sha256;
        this.storageKey = storageKey;
    }

    public void removed(Instant at) {
        this.removedAt = at;
    }

    /** The file is gone and its name (which may name a person) blanked; type, size and digest stay. */
    public void anonymise(Instant at) {
        this.fileName = "";
        if (removedAt == null) {
            removedAt = at;
        }
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public UUID submissionId() {
        return UUID.fromString(submissionId);
    }

    public int ordinal() {
        return ordinal;
    }

    public String fileName() {
        return fileName;
    }

    public String mediaType() {
        return mediaType;
    }

    public long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    public String storageKey() {
        return storageKey;
    }

    public Instant removedAt() {
        return removedAt;
    }
}
