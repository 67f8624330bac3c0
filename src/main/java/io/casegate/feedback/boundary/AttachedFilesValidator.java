package io.casegate.feedback.boundary;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.validator.FacesValidator;
import jakarta.faces.validator.Validator;
import jakarta.faces.validator.ValidatorException;
import jakarta.inject.Inject;

import io.casegate.attachments.boundary.FilePolicy;

/**
 * Checks the form's files against {@link FilePolicy} in the validation phase, together with the
 * other fields, so that an empty submit also says «Прикрепите файл». Runs for an empty input too:
 * Faces validates empty fields when Bean Validation is present. A CDI bean (managed = true), so
 * that the policy is injected.
 */
@ApplicationScoped
@FacesValidator(value = "casegate.attachedFiles", managed = true)
public class AttachedFilesValidator implements Validator<Object> {

    @Inject
    FilePolicy filePolicy;

    @Override
    public void validate(FacesContext context, UIComponent component, Object submitted) {
        List<FacesMessage> problems = filePolicy.check(UploadedFiles.of(submitted)).stream()
                .map(problem -> FormTexts.error(context, problem.messageKey(), problem.arguments()))
                .toList();
        if (!problems.isEmpty()) {
            throw new ValidatorException(problems);
        }
    }
}
