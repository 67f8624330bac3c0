package io.casegate.feedback.boundary;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.Instance;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

import io.casegate.attachments.boundary.FilePolicy;
import io.casegate.crm.boundary.ServiceCatalog;
import io.casegate.crm.entity.ServiceOption;
import io.casegate.feedback.boundary.SubmissionContext.Channel;
import io.casegate.feedback.entity.SubmissionFields;
import io.casegate.platform.AbuseLimits;
import io.casegate.platform.ClientAddress;
import io.casegate.platform.RateLimiter;

/**
 * The feedback form on the start page. Faces validates {@link SubmissionFields} with its Bean
 * Validation rules and the files with {@link AttachedFilesValidator}; this bean only hands a valid
 * submission to the {@link SubmissionIntake} and shows what the visitor is told.
 * <p>
 * One instance lives as long as one rendered form. Its token is the submission's idempotency key,
 * so a double click, an ajax retry or a browser's "resend form" gives the same receipt and never a
 * second case. The uploaded parts are transient and dropped at the end of the request.
 * <p>
 * No request thread waits for the CRM's case number (issue 14). The form answers as soon as the
 * submission is stored; the success dialog then asks {@link CaseNumberServlet} until the number is
 * there or {@code casegate.form.case-number-wait} has passed. Without JavaScript the answer shows
 * the same dialog and, while it waits, refreshes itself to {@code ?sent=<reference>}, the page of
 * the sent form. Both know only the references this session has sent ({@link SentForms}).
 */
@Named
@ViewScoped
public class FeedbackForm implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(FeedbackForm.class.getName());
    private static final long MB = 1024L * 1024L;

    @Inject
    SubmissionIntake intake;

    @Inject
    ServiceCatalog serviceCatalog;

    @Inject
    FilePolicy filePolicy;

    @Inject
    FormSettings settings;

    @Inject
    Instance<CaseNumberMail> caseNumberMail;

    @Inject
    ClientAddress clientAddress;

    @Inject
    AbuseLimits limits;

    @Inject
    Captcha captcha;

    @Inject
    SentForms sentForms;

    @Inject
    Clock clock;

    private final String formToken = UUID.randomUUID().toString();
    private final SubmissionFields fields = new SubmissionFields();
    private transient List<Part> files;
    private String honeypot;
    private boolean honeypotRejected;
    private String reference;
    private String caseNumber;
    private String statusToken;
    private Receipt.Status status;
    private Instant acceptedAt;
    private String sentTo;

    /** The page of a sent form: {@code ?sent=<reference>} shows the dialog of a form this session sent. */
    @PostConstruct
    void showSentForm() {
        FacesContext context = FacesContext.getCurrentInstance();
        if (context == null || context.isPostback()) {
            return;
        }
        String sent = context.getExternalContext().getRequestParameterMap().get("sent");
        sentForms
                .find(sent)
                .ifPresent(form -> intake.find(form.reference()).ifPresent(receipt -> {
                    reference = receipt.reference();
                    caseNumber = receipt.caseNumber();
                    status = receipt.status();
                    acceptedAt = form.acceptedAt();
                    sentTo = form.email();
                }));
    }

    /** Hands the validated submission to the intake; the dialog shows the case number when the CRM has it. */
    public void submit() {
        FacesContext context = FacesContext.getCurrentInstance();
        try {
            if (honeypot != null && !honeypot.isBlank()) {
                rejectAsBot(context);
                return;
            }
            if (reference == null && !captchaPassed(context)) {
                return;
            }
            if (reference == null) {
                // Counted only here, after validation and the honeypot: a repeat of an accepted form
                // (same token) is not a new submission and is never refused.
                Optional<Duration> wait = limits.formSubmission(clientAddress.of(request(context)));
                if (wait.isPresent()) {
                    LOG.info("The feedback form refused a submission over the rate limit of its client address");
                    context.addMessage(
                            null,
                            FormTexts.error(context, "form.rateLimited", RateLimiter.retryAfterMinutes(wait.get())));
                    return;
                }
                Receipt receipt = intake.accept(fields, UploadedFiles.of(files), submissionContext(context));
                reference = receipt.reference();
                caseNumber = receipt.caseNumber();
                statusToken = receipt.statusToken();
                status = receipt.status();
                acceptedAt = Instant.now(clock);
                sentTo = fields.getEmail();
                sentForms.remember(reference, sentTo, acceptedAt);
            }
        } catch (RuntimeException failure) {
            LOG.log(Level.SEVERE, "The feedback form could not hand a submission to the intake", failure);
            context.addMessage(null, FormTexts.error(context, "form.serverError"));
            return;
        } finally {
            files = null;
        }
    }

    /** The optional CAPTCHA (off by default): its token is verified before anything is stored. */
    private boolean captchaPassed(FacesContext context) {
        Captcha.Verdict verdict = captcha.verify(
                context.getExternalContext().getRequestParameterMap().get(Captcha.TOKEN_FIELD),
                clientAddress.of(request(context)));
        if (verdict == Captcha.Verdict.PASSED) {
            return true;
        }
        context.addMessage(null, FormTexts.error(context, verdict.messageKey()));
        return false;
    }

    /**
     * A filled honeypot means a bot, or rarely a browser's autofill: nothing is stored, and the
     * field is shown with a message, so that a real person is never told "sent" for nothing.
     */
    private void rejectAsBot(FacesContext context) {
        LOG.info("The feedback form ignored a submission with a filled honeypot field");
        honeypotRejected = true;
        context.addMessage(null, FormTexts.error(context, "form.honeypot.filled"));
    }

    private SubmissionContext submissionContext(FacesContext context) {
        HttpServletRequest request = request(context);
        return new SubmissionContext(
                Channel.FORM,
                formToken,
                context.getViewRoot().getLocale(),
                clientAddress.of(request),
                request.getHeader("User-Agent"),
                Instant.now(),
                settings.getConsentVersion(),
                null);
    }

    private static HttpServletRequest request(FacesContext context) {
        return (HttpServletRequest) context.getExternalContext().getRequest();
    }

    /** The error messages of the request in page order, each with the id of its field (null for the form as a whole). */
    public List<FieldMessage> getErrors() {
        FacesContext context = FacesContext.getCurrentInstance();
        List<FieldMessage> errors = new ArrayList<>();
        for (Iterator<String> ids = context.getClientIdsWithMessages(); ids.hasNext(); ) {
            String clientId = ids.next();
            for (FacesMessage message : context.getMessageList(clientId)) {
                errors.add(new FieldMessage(clientId, message.getSummary()));
            }
        }
        return errors;
    }

    public record FieldMessage(String clientId, String text) {}

    public boolean isSent() {
        return reference != null;
    }

    /** The CRM's case number; null until the CRM has created the case. */
    public String getCaseNumber() {
        return caseNumber;
    }

    /** Casegate's own reference, known as soon as the submission is accepted. */
    public String getReference() {
        return reference;
    }

    /** The token of the status link that needs no e-mail address (issue 14); null before sending. */
    public String getStatusToken() {
        return statusToken;
    }

    /** True when the visitor is shown Casegate's reference, because the CRM has not given the case number in time. */
    public boolean isCaseNumberPending() {
        return reference != null && caseNumber == null;
    }

    /**
     * True while the dialog still waits for the case number: the page says so, the dialog asks
     * {@link CaseNumberServlet}, and without JavaScript the page refreshes itself.
     */
    public boolean isCaseNumberWaiting() {
        return reference != null
                && acceptedAt != null
                && CaseNumberServlet.isWaiting(
                        new Receipt(reference, null, status, caseNumber, statusToken),
                        acceptedAt,
                        settings.caseNumberWait(),
                        Instant.now(clock));
    }

    /** Where the dialog asks for the case number of this form. */
    public String getCaseNumberUrl() {
        FacesContext context = FacesContext.getCurrentInstance();
        return context.getExternalContext().getRequestContextPath() + "/form/case-number?reference="
                + java.net.URLEncoder.encode(reference, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The address the visitor gave, for «номер придёт на …». */
    public String getSentTo() {
        return sentTo;
    }

    /**
     * The page of this sent form: the dialog puts it into the address bar, so that a reload keeps
     * it, and a browser without JavaScript refreshes to it while the number is on its way.
     */
    public String getSentUrl() {
        FacesContext context = FacesContext.getCurrentInstance();
        return context.getApplication()
                .getViewHandler()
                .getBookmarkableURL(
                        context, context.getViewRoot().getViewId(), Map.of("sent", List.of(reference)), false);
    }

    /** True when the case number will follow by e-mail: only then may the dialog say so. */
    public boolean isCaseNumberByMail() {
        return caseNumberMail.stream().anyMatch(CaseNumberMail::isSent);
    }

    public List<ServiceOption> getServices() {
        return serviceCatalog.services();
    }

    /** Whether a file must be attached ({@code casegate.form.file-required}): the field's mark follows it. */
    public boolean isFileRequired() {
        return filePolicy.required();
    }

    public String getAcceptedFileTypes() {
        return filePolicy.acceptAttribute();
    }

    public long getMaxFileSizeMb() {
        return filePolicy.maxFileSizeBytes() / MB;
    }

    public long getMaxTotalSizeMb() {
        return filePolicy.maxTotalSizeBytes() / MB;
    }

    public int getMaxFileCount() {
        return filePolicy.maxCount();
    }

    /** The length limits of {@link SubmissionFields}, for the inputs' maxlength and the counter. */
    public Map<String, Integer> getMaxLength() {
        return MAX_LENGTH;
    }

    private static final Map<String, Integer> MAX_LENGTH = Map.of(
            "name", SubmissionFields.NAME_MAX,
            "email", SubmissionFields.EMAIL_MAX,
            "organisation", SubmissionFields.ORGANISATION_MAX,
            "subject", SubmissionFields.SUBJECT_MAX,
            "description", SubmissionFields.DESCRIPTION_MAX);

    public SubmissionFields getFields() {
        return fields;
    }

    public List<Part> getFiles() {
        return files;
    }

    public void setFiles(List<Part> files) {
        this.files = files;
    }

    public String getHoneypot() {
        return honeypot;
    }

    public void setHoneypot(String honeypot) {
        this.honeypot = honeypot;
    }

    public boolean isHoneypotRejected() {
        return honeypotRejected;
    }

    public String getFormToken() {
        return formToken;
    }
}
