package io.casegate.feedback.boundary;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.casegate.platform.Texts;
import io.casegate.platform.VisitorLocale;

/**
 * The status page: a visitor gives the reference (or the CRM's case number) and their e-mail and
 * learns whether the request is received, in the CRM, or delayed. A wrong e-mail gets the same
 * answer as an unknown number, so the page reveals nothing about other people's requests. A status
 * link carries an unguessable token instead ({@code ?t=}), which opens the answer by itself; a
 * reference alone opens nothing.
 */
@Named
@RequestScoped
public class StatusPage {

    @Inject
    Intake intake;

    @Inject
    VisitorLocale visitorLocale;

    private String reference;
    private String email;
    private String token;
    private String answer;
    private String state;

    public String check() {
        answer(intake.findForVisitor(reference, email), "status.notFound");
        return null;
    }

    /**
     * The f:viewAction of a status link ({@code status.xhtml?t=...}, from the success dialog and the
     * acknowledgement e-mail): the token alone opens the answer, without the e-mail address.
     */
    public void openLink() {
        if (token != null && !token.isBlank()) {
            Optional<Receipt> receipt = intake.findByStatusToken(token.strip());
            receipt.ifPresent(found -> reference = found.reference());
            answer(receipt, "status.linkNotFound");
        }
    }

    private void answer(Optional<Receipt> found, String notFound) {
        Locale locale = visitorLocale.getLocale();
        answer = found.map(receipt -> {
                    state = receipt.status().name().toLowerCase(Locale.ROOT);
                    return switch (receipt.status()) {
                        case DELIVERED ->
                            Texts.text(locale, "status.delivered", receipt.reference(), receipt.caseNumber());
                        case DELAYED -> Texts.text(locale, "status.delayed", receipt.reference());
                        case RECEIVED -> Texts.text(locale, "status.received", receipt.reference());
                    };
                })
                .orElseGet(() -> {
                    state = "not-found";
                    return Texts.text(locale, notFound);
                });
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getReference() {
        return reference;
    }

    public void setReference(String reference) {
        this.reference = reference;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getAnswer() {
        return answer;
    }
    /** received, delivered, delayed or not-found; null before a check. */
    public String getState() {
        return state;
    }
}
