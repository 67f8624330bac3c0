package io.casegate.feedback.boundary;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The feedback form's settings (MicroProfile Config). */
@Named
@ApplicationScoped
public class FormSettings {

    /**
     * The version of the consent text on consent.xhtml, recorded with every consent as 152-FZ
     * requires. Whoever changes that wording raises it.
     */
    @Inject
    @ConfigProperty(name = "casegate.consent.version", defaultValue = "1")
    String consentVersion;

    /**
     * How long after sending the success dialog keeps asking for the CRM's case number before it
     * shows Casegate's reference. Nothing on the server waits for it (issue 14).
     */
    @Inject
    @ConfigProperty(name = "casegate.form.case-number-wait", defaultValue = "10s")
    Duration caseNumberWait;

    public String getConsentVersion() {
        return consentVersion;
    }

    public Duration caseNumberWait() {
        return caseNumberWait;
    }
}
