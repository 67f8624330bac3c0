package io.casegate.feedback.entity;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * An accepted support request as Casegate keeps it: everything the visitor stated, the consent
 * record that 152-FZ asks for, where it came from, and what became of it in the CRM.
 */
@Entity
@Table(name = "submission")
@NamedQuery(name = Submission.BY_REFERENCE, query = "SELECT s FROM Submission s WHERE s.reference = :reference")
@NamedQuery(name = Submission.BY_CASE_NUMBER, query = "SELECT s FROM Submission s WHERE s.caseNumber = :caseNumber")
@NamedQuery(name = Submission.BY_IDEMPOTENCY_KEY, query = "SELECT s FROM Submission s WHERE s.idempotencyKey = :key")
@NamedQuery(name = Submission.BY_STATUS_TOKEN, query = "SELECT s FROM Submission s WHERE s.statusToken = :token")
@NamedQuery(
        name = Submission.OF_VISITOR,
        query = "SELECT s FROM Submission s WHERE LOWER(s.email) = :email AND s.anonymisedAt IS NULL")
@NamedQuery(
        name = Submission.TO_ANONYMISE,
        query = "SELECT s.id FROM Submission s WHERE s.anonymisedAt IS NULL AND s.deliveredAt IS NOT NULL"
                + " AND s.deliveredAt <= :cutoff ORDER BY s.deliveredAt")
public class Submission {

    public static final String BY_REFERENCE = "Submission.byReference";
    public static final String BY_CASE_NUMBER = "Submission.byCaseNumber";
    public static final String BY_IDEMPOTENCY_KEY = "Submission.byIdempotencyKey";
    public static final String BY_STATUS_TOKEN = "Submission.byStatusToken";
    public static final String OF_VISITOR = "Submission.ofVisitor";
    public static final String TO_ANONYMISE = "Submission.toAnonymise";

    /** What an anonymised row holds in place of a text the visitor typed (the columns are NOT NULL). */
    public static final String BLANK = "";

    private static final SecureRandom TOKENS = new SecureRandom();

    @Id
    private String id;

    private String reference;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    private String channel;
    private String name;
    private String email;
    private String phone;

    @Column(name = "phone_normalised")
    private String phoneNormalised;

    private String organisation;
    private String inn;
    private String service;
    private String subject;
    private String description;
    private String locale;

    @Column(name = "client_ip")
    private String clientIp;

    @Column(name = "user_agent")
    private String userAgent;

    @Column(name = "consent_given_at")
    private Instant consentGivenAt;

    @Column(name = "consent_text_version")
    private String consentTextVersion;

    @Column(name = "received_at")
    private Instant receivedAt;

    @Column(name = "case_id")
    private String caseId;

    @Column(name = "case_number")
    private String caseNumber;

    @Column(name = "case_opened_at")
    private Instant caseOpenedAt;

    @Column(name = "contact_id")
    private String contactId;

    @Column(name = "account_id")
    private String accountId;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "ack_started_at")
    private Instant acknowledgementStartedAt;

    @Column(name = "ack_sent_at")
    private Instant acknowledgementSentAt;

    @Column(name = "status_token")
    private String statusToken;

    @Column(name = "api_client")
    private String apiClient;

    @Column(name = "anonymised_at")
    private Instant anonymisedAt;

    protected Submission() {}

    public Submission(
            UUID id,
            String reference,
            String idempotencyKey,
            String channel,
            SubmissionFields fields,
            Locale locale,
            String clientIp,
            String userAgent,
            Instant consentGivenAt,
            String consentTextVersion,
            Instant receivedAt) {
        this.id = id.toString();
        this.reference = reference;
        this.idempotencyKey = idempotencyKey;
        this.channel = channel;
        this.name = strip(fields.getName());
        this.email = strip(fields.getEmail());
        this.phone = blankToNull(fields.getPhone());
        this.phoneNormalised = fields.normalisedPhone();
        this.organisation = strip(fields.getOrganisation());
        this.inn = blankToNull(fields.getInn());
        this.service = strip(fields.getService());
        this.subject = strip(fields.getSubject());
        this.description =
                fields.getDescription() == null ? null : fields.getDescription().strip();
        this.locale = (locale == null ? Locale.forLanguageTag("ru") : locale).toLanguageTag();
        this.clientIp = clip(clientIp, 64);
        this.userAgent = clip(withoutControls(userAgent), 1000);
        this.consentGivenAt = consentGivenAt;
        this.consentTextVersion = consentTextVersion;
        this.receivedAt = receivedAt;
        this.statusToken = newStatusToken();
    }

    /** 256 random bits, base64url: the status page's link that needs no e-mail address. */
    static String newStatusToken() {
        byte[] bytes = new byte[32];
        TOKENS.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The API key's short digest that the submission came with; only that key reads it back. */
    public void madeWith(String apiClient) {
        this.apiClient = apiClient;
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * The text without control characters (NUL cannot be stored in PostgreSQL): for values that are
     * only hints (the user agent) or only have to be stable (an idempotency key).
     */
    public static String withoutControls(String value) {
        return value == null ? null : value.replaceAll("[\\x00-\\x1F\\x7F]", "");
    }

    /** At most {@code max} UTF-16 units, never half of a pair (which the database would store as "?"). */
    private static String clip(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }

    /** The case exists and has its number; true the first time only. */
    public boolean caseOpened(String caseId, String caseNumber, Instant at) {
        if (caseNumber == null || caseNumber.isBlank()) {
            throw new IllegalArgumentException("A case is opened for the visitor only with its number");
        }
        if (this.caseNumber != null) {
            return false;
        }
        this.caseId = caseId;
        this.caseNumber = caseNumber;
        this.caseOpenedAt = at;
        return true;
    }

    /** The message and every file are in the CRM too: the delivery is complete. */
    public void delivered(String caseId, String caseNumber, String contactId, String accountId, Instant at) {
        caseOpened(caseId, caseNumber, at);
        this.contactId = contactId;
        this.accountId = accountId;
        if (this.deliveredAt == null) {
            this.deliveredAt = at;
        }
    }

    public void acknowledgementStarted(Instant at) {
        this.acknowledgementStartedAt = at;
    }

    public void acknowledgementNotSent() {
        this.acknowledgementStartedAt = null;
    }

    public void acknowledgementSent(Instant at) {
        this.acknowledgementSentAt = at;
    }

    /**
     * Blanks what the visitor typed and what identifies them: name, e-mail, phone, organisation, INN,
     * subject, description, IP address, user agent, the duplicate guard's key. Kept: the reference,
     * the channel, the service, the language, the consent's time and text version, every time
     * stamp, the CRM's ids and case number, and the acknowledgement markers. With
     * {@code withdrawToken} the status link stops working too (a data-subject request).
     */
    public void anonymise(Instant at, boolean withdrawToken) {
        name = BLANK;
        email = BLANK;
        phone = null;
        phoneNormalised = null;
        organisation = BLANK;
        inn = null;
        subject = BLANK;
        description = BLANK;
        clientIp = null;
        userAgent = null;
        idempotencyKey = null;
        if (withdrawToken) {
            statusToken = null;
        }
        if (anonymisedAt == null) {
            anonymisedAt = at;
        }
    }

    /** Whether the visitor who gives this e-mail address is the one who submitted. */
    public boolean belongsTo(String givenEmail) {
        return givenEmail != null && email != null && !email.isBlank() && email.equalsIgnoreCase(givenEmail.strip());
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public String reference() {
        return reference;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public String channel() {
        return channel;
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public String phone() {
        return phone;
    }

    public String phoneNormalised() {
        return phoneNormalised;
    }

    public String organisation() {
        return organisation;
    }

    public String inn() {
        return inn;
    }

    public String service() {
        return service;
    }

    public String subject() {
        return subject;
    }

    public String description() {
        return description;
    }

    public Locale locale() {
        return Locale.forLanguageTag(locale);
    }

    public String clientIp() {
        return clientIp;
    }

    public String userAgent() {
        return userAgent;
    }

    public Instant consentGivenAt() {
        return consentGivenAt;
    }

    public String consentTextVersion() {
        return consentTextVersion;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String caseId() {
        return caseId;
    }

    public String caseNumber() {
        return caseNumber;
    }

    public Instant caseOpenedAt() {
        return caseOpenedAt;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    public Instant acknowledgementStartedAt() {
        return acknowledgementStartedAt;
    }

    public Instant acknowledgementSentAt() {
        return acknowledgementSentAt;
    }

    /** Null for submissions from before V6 and after a data-subject request. */
    public String statusToken() {
        return statusToken;
    }

    public String apiClient() {
        return apiClient;
    }

    public Instant anonymisedAt() {
        return anonymisedAt;
    }
}
