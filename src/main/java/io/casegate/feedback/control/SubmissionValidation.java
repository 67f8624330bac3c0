package io.casegate.feedback.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import io.casegate.attachments.boundary.FilePolicy;
import io.casegate.attachments.entity.IncomingFile;
import io.casegate.feedback.entity.SubmissionFields;
import io.casegate.platform.ProblemException.FieldProblem;
import io.casegate.platform.Texts;

/**
 * The form's rules for a submission that did not come through the form: the same Bean Validation
 * constraints and file rules, with the same messages in the client's language, each named after its
 * field, in the order of the form.
 */
@ApplicationScoped
public class SubmissionValidation {

    static final List<String> FIELD_ORDER = List.of(
            "name", "email", "phone", "organisation", "inn", "service", "subject", "description", "consent", "files");

    @Inject
    ValidatorFactory validation;

    @Inject
    FilePolicy filePolicy;

    /** Every rule the submission breaks; empty when it may be accepted. */
    public List<FieldProblem> problems(SubmissionFields fields, List<IncomingFile> files, Locale locale) {
        Validator validator = validation
                .usingContext()
                .messageInterpolator(inLocale(validation.getMessageInterpolator(), locale))
                .getValidator();
        List<FieldProblem> problems = new ArrayList<>();
        validator
                .validate(fields)
                .forEach(violation -> problems.add(
                        new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage())));
        filePolicy
                .check(files)
                .forEach(problem -> problems.add(
                        new FieldProblem("files", Texts.text(locale, problem.messageKey(), problem.arguments()))));
        problems.sort(Comparator.comparingInt(problem -> order(problem.field())));
        return problems;
    }

    private static int order(String field) {
        int index = FIELD_ORDER.indexOf(field);
        return index < 0 ? FIELD_ORDER.size() : index;
    }

    private static MessageInterpolator inLocale(MessageInterpolator interpolator, Locale locale) {
        return new MessageInterpolator() {
            @Override
            public String interpolate(String template, Context context) {
                return interpolator.interpolate(template, context, locale);
            }

            @Override
            public String interpolate(String template, Context context, Locale ignored) {
                return interpolator.interpolate(template, context, locale);
            }
        };
    }
}
