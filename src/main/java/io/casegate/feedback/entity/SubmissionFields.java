package io.casegate.feedback.entity;

import java.io.Serializable;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a visitor states in a support request, with the rules every channel shares.
 * <p>
 * The web form binds to it and Faces validates it with these constraints; the REST intake fills
 * it from a multipart request and validates it with the same constraints, so a rule lives here
 * once. Message texts are in {@code ValidationMessages.properties} (Russian) and its English twin.
 * Files are checked separately by {@code FilePolicy}, because their limits come from configuration.
 */
public class SubmissionFields implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int NAME_MAX = 200;
    public static final int EMAIL_MAX = 254;
    public static final int ORGANISATION_MAX = 250;
    public static final int SUBJECT_MAX = 250;
    public static final int DESCRIPTION_MAX = 5000;
    /** The lengths of the phone and service columns (V1): a longer value is no phone nor service id. */
    public static final int PHONE_MAX = 100;

    public static final int SERVICE_MAX = 250;

    /**
     * No control characters but tab, line feed and carriage return: a NUL cannot be stored in a
     * PostgreSQL text column at all (the insert would fail, and a failed insert is answered 503,
     * "try again"), and the others have no place in a name or a message.
     */
    public static final String NO_CONTROLS = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]*";

    @NotBlank(message = "{casegate.name.required}")
    @Size(max = NAME_MAX, message = "{casegate.field.tooLong}")
    @Pattern(regexp = NO_CONTROLS, message = "{casegate.field.controlCharacters}")
    private String name;

    @NotBlank(message = "{casegate.email.required}")
    @Email(message = "{casegate.email.invalid}", regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+")
    @Size(max = EMAIL_MAX, message = "{casegate.field.tooLong}")
    @Pattern(regexp = NO_CONTROLS, message = "{casegate.field.controlCharacters}")
    private String email;

    @RussianPhone
    @Size(max = PHONE_MAX, message = "{casegate.field.tooLong}")
    @Pattern(regexp = NO_CONTROLS, message = "{casegate.field.controlCharacters}")
    private String phone;

    @NotBlank(message = "{casegate.organisation.required}")
    @Size(max = ORGANISATION_MAX, message = "{casegate.field.tooLong}")
    @Pattern(regexp = NO_CONTROLS, message = "{casegate.field.controlCharacters}")
    private String organisation;

    @Inn
    @Pattern(regexp = NO_CONTROLS, message = "{casegate.field.controlCharacters}")
    private String inn;

    @NotBlank(message = "{casegate.service.required}")
    @Size(max = SERVICE_MAX, message = "{casegate.field.tooLong}")
    @Pattern(regexp = NO_CONTROLS, message = "{casegate.field.controlCharacters}")
    private String service;

    @NotBlank(message = "{casegate.subject.required}")
    @Size(max = SUBJECT_MAX, message = "{casegate.field.tooLong}")
    @Pattern(regexp = NO_CONTROLS, message = "{casegate.field.controlCharacters}")
    private String subject;

    @NotBlank(message = "{casegate.description.required}")
    @Size(max = DESCRIPTION_MAX, message = "{casegate.field.tooLong}")
    @Pattern(regexp = NO_CONTROLS, message = "{casegate.field.controlCharacters}")
    private String description;

    @AssertTrue(message = "{casegate.consent.required}")
    private boolean consent;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getOrganisation() {
        return organisation;
    }

    public void setOrganisation(String organisation) {
        this.organisation = organisation;
    }

    public String getInn() {
        return inn;
    }

    public void setInn(String inn) {
        this.inn = inn;
    }
    /** The CRM's id of the commercial service (ServiceItem), or, from the API, its exact name. */
    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public boolean isConsent() {
        return consent;
    }

    public void setConsent(boolean consent) {
        this.consent = consent;
    }

    /** The phone in the one form the CRM is searched by ({@code +7XXXXXXXXXX}), or null when none was given. */
    public String normalisedPhone() {
        return PhoneNumbers.normalise(phone).orElse(null);
    }
}
