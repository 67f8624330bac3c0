package io.casegate.feedback.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The record that an administrator erased a visitor's data (a data-subject request under 152-FZ):
 * who, when, how many submissions, and which CRM cases still hold the data. The e-mail address
 * itself is not kept: its SHA-256 and a masked form only.
 */
@Entity
@Table(name = "visitor_erasure")
@NamedQuery(name = VisitorErasure.LATEST, query = "SELECT e FROM VisitorErasure e ORDER BY e.erasedAt DESC, e.id")
public class VisitorErasure {

    public static final String LATEST = "VisitorErasure.latest";

    @Id
    private String id;

    @Column(name = "erased_at")
    private Instant erasedAt;

    @Column(name = "erased_by")
    private String erasedBy;

    @Column(name = "email_sha256")
    private String emailSha256;

    @Column(name = "email_masked")
    private String emailMasked;

    private int submissions;

    private int undelivered;

    @Column(name = "case_numbers")
    private String caseNumbers;

    protected VisitorErasure() {}

    public VisitorErasure(
            Instant erasedAt,
            String erasedBy,
            String emailSha256,
            String emailMasked,
            int submissions,
            int undelivered,
            String caseNumbers) {
        this.id = UUID.randomUUID().toString();
        this.erasedAt = erasedAt;
        this.erasedBy = clip(erasedBy, 200);
        this.emailSha256 = emailSha256;
        this.emailMasked = clip(emailMasked, 254);
        this.submissions = submissions;
        this.undelivered = undelivered;
        this.caseNumbers = clip(caseNumbers, 2000);
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    public Instant getErasedAt() {
        return erasedAt;
    }

    public String getErasedBy() {
        return erasedBy;
    }

    public String getEmailSha256() {
        return emailSha256;
    }

    public String getEmailMasked() {
        return emailMasked;
    }

    public int getSubmissions() {
        return submissions;
    }

    public int getUndelivered() {
        return undelivered;
    }

    public String getCaseNumbers() {
        return caseNumbers;
    }
}
