package io.casegate.acknowledgements.boundary;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.casegate.delivery.boundary.Outbox;
import io.casegate.delivery.boundary.OutboxHandler;
import io.casegate.delivery.entity.OutboxEntry;
import io.casegate.feedback.boundary.CaseNumberMail;
import io.casegate.feedback.boundary.Submissions;
import io.casegate.feedback.entity.Submission;
import io.casegate.feedback.entity.SubmissionDelivered;
import io.casegate.platform.LocalServer;
import io.casegate.platform.Texts;

/**
 * The acknowledgement e-mail: once the case number is known, the visitor gets it with the
 * subject and the working hours, in the language of the form. Off while {@code casegate.mail.host}
 * is unset.
 * <p>
 * Never usable against its recipient: only the number, a short and link-free form of the subject
 * and the status link (see {@link #messageFor}), and at most
 * {@code casegate.mail.daily-limit-per-recipient} to one address in 24 hours.
 * <p>
 * Never sent twice: before sending, a marker is committed; an attempt that finds the marker
 * (the previous one was interrupted by a crash or a timeout, and may or may not have reached the
 * mail server) gives up instead of risking a second e-mail.
 */
@ApplicationScoped
class Acknowledgements implements OutboxHandler, CaseNumberMail {

    private static final Logger LOG = Logger.getLogger(Acknowledgements.class.getName());

    /** The outbox job that sends one submission's acknowledgement. */
    static final String ACKNOWLEDGE = "ACKNOWLEDGE";

    /** The previous attempt may have sent the e-mail: retrying could send a second one. */
    static class MaybeSentException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MaybeSentException(String reference) {
            super("The acknowledgement of " + reference
                    + " may have been sent by an interrupted attempt; not sent again");
        }
    }

    @Inject
    Submissions records;

    @Inject
    Outbox outbox;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "casegate.mail.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "casegate.mail.port", defaultValue = "25")
    int port;

    @Inject
    @ConfigProperty(name = "casegate.mail.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "casegate.mail.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "casegate.mail.from", defaultValue = "noreply@localhost")
    String from;

    @Inject
    @ConfigProperty(name = "casegate.mail.starttls", defaultValue = "false")
    boolean starttls;

    /** Acknowledgements to one address in 24 hours, at most; 0: no cap. */
    @Inject
    @ConfigProperty(name = "casegate.mail.daily-limit-per-recipient", defaultValue = "5")
    int dailyLimitPerRecipient;

    /** Where the status link in the e-mail points; unset: the address this node learned (LocalServer). */
    @Inject
    @ConfigProperty(name = "casegate.public-url")
    Optional<String> publicUrl;

    @Inject
    LocalServer localServer;

    @Inject
    Clock clock;

    boolean enabled() {
        return host.filter(value -> !value.isBlank()).isPresent();
    }

    /** The form's dialog promises the e-mail only while this is true. */
    @Override
    public boolean isSent() {
        return enabled();
    }

    /** Enqueued in the transaction that records the delivery, so it is never lost and never doubled. */
    void onDelivered(@Observes SubmissionDelivered delivered) {
        if (enabled() && outbox.find(ACKNOWLEDGE, delivered.submissionId()).isEmpty()) {
            outbox.enqueue(ACKNOWLEDGE, delivered.submissionId());
        }
    }

    @Override
    public String kind() {
        return ACKNOWLEDGE;
    }

    @Override
    public CompletionStage<?> handle(OutboxEntry entry) {
        return CompletableFuture.runAsync(() -> send(entry), executor);
    }

    @Override
    public boolean isRetryable(Throwable failure) {
        return !(failure instanceof MaybeSentException);
    }

    void send(OutboxEntry entry) {
        Submission submission = records.byId(entry.subjectId())
                .orElseThrow(() -> new IllegalStateException("No submission " + entry.subjectId()));
        if (submission.acknowledgementSentAt() != null || !enabled()) {
            return;
        }
        if (submission.anonymisedAt() != null
                || submission.email() == null
                || submission.email().isBlank()) {
            LOG.info(() -> "Acknowledgement of " + submission.reference() + " not sent: its personal data is erased");
            return;
        }
        if (overDailyLimit(submission)) {
            LOG.info(() -> "Acknowledgement of " + submission.reference() + " not sent: its address already got "
                    + dailyLimitPerRecipient + " in 24 hours (casegate.mail.daily-limit-per-recipient)");
            return;
        }
        if (!records.startAcknowledgement(submission.id())) {
            throw new MaybeSentException(submission.reference());
        }
        try {
            Transport.send(messageFor(submission));
        } catch (MessagingException refused) {
            // The server did not take it: nothing was sent, so a later attempt is safe. The error is
            // stored in the outbox and logged: without the recipient's address (nor any other).
            records.acknowledgementNotSent(submission.id());
            throw new IllegalStateException("Mail server: " + describe(refused));
        }
        records.acknowledgementSent(submission.id());
        LOG.info(() -> "Acknowledgement of " + submission.reference() + " sent");
    }

    /** The cap per recipient: acknowledgements started to the same address in the last 24 hours. */
    private boolean overDailyLimit(Submission submission) {
        return dailyLimitPerRecipient > 0
                && records.acknowledgementsTo(
                                submission.email(), clock.instant().minus(Duration.ofHours(24)))
                        >= dailyLimitPerRecipient;
    }

    /** The server's answers along the chain (a refused recipient is a nested exception), addresses removed. */
    static String describe(MessagingException refused) {
        StringBuilder text = new StringBuilder();
        Exception current = refused;
        for (int depth = 0; current != null && depth < 5; depth++) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(current.getMessage() == null ? current.getClass().getSimpleName() : current.getMessage());
            current = current instanceof MessagingException messaging ? messaging.getNextException() : null;
        }
        return MailTexts.withoutAddresses(text.toString());
    }

    /**
     * The acknowledgement: the case number, the visitor's subject only as {@link MailTexts#visitorSubject}
     * lets it through (short, no links), no other text the visitor typed (not even the name: the form
     * is public, and the address may be someone else's), and the status link with its token.
     */
    MimeMessage messageFor(Submission submission) throws MessagingException {
        Locale locale = submission.locale();
        String subject = MailTexts.visitorSubject(submission.subject(), Texts.text(locale, "ack.linkRemoved"));
        MimeMessage message = new MimeMessage(session());
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(submission.email()));
        message.setSubject(
                Texts.text(locale, "ack.subject", submission.caseNumber(), subject), StandardCharsets.UTF_8.name());
        String statusLink = submission.statusToken() == null
                ? ""
                : Texts.text(locale, "ack.statusLink", statusUrl(submission.statusToken()));
        message.setText(
                Texts.text(locale, "ack.body", submission.caseNumber(), subject, submission.reference(), statusLink),
                StandardCharsets.UTF_8.name());
        message.setHeader("Content-Language", locale.toLanguageTag());
        message.setHeader("Auto-Submitted", "auto-replied");
        return message;
    }

    /** The status page's link for a token: {@code casegate.public-url}, or this node's own address. */
    String statusUrl(String token) {
        String base = publicUrl
                .map(url -> url.strip().replaceAll("/+$", ""))
                .filter(url -> !url.isEmpty())
                .orElseGet(() -> localServer.baseUrl().toString());
        return base + "/status.xhtml?t=" + token;
    }

    private Session session() {
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", host.orElseThrow());
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "20000");
        properties.put("mail.smtp.writetimeout", "20000");
        properties.put("mail.smtp.starttls.enable", String.valueOf(starttls));
        properties.put("mail.smtp.starttls.required", String.valueOf(starttls));
        Optional<String> user = username.filter(value -> !value.isBlank());
        if (user.isEmpty()) {
            return Session.getInstance(properties);
        }
        properties.put("mail.smtp.auth", "true");
        return Session.getInstance(properties, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user.get(), password.orElse(""));
            }
        });
    }
}
