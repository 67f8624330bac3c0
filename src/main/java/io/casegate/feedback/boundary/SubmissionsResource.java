package io.casegate.feedback.boundary;

import static io.casegate.platform.Jsonp.JSON;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.casegate.attachments.boundary.AttachmentStore;
import io.casegate.attachments.boundary.FilePolicy;
import io.casegate.attachments.entity.IncomingFile;
import io.casegate.attachments.entity.StoredFile;
import io.casegate.feedback.control.ApiKeys;
import io.casegate.feedback.entity.SubmissionFields;
import io.casegate.platform.ProblemException;
import io.casegate.platform.ProblemException.FieldProblem;
import io.casegate.platform.VisitorLocale;

/**
 * The REST intake, for sites that post from their own server: the same fields, rules and
 * messages as the form, an API key per client, and an optional Idempotency-Key so that a retried
 * request never becomes a second case.
 */
@Path("v1/submissions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SubmissionsResource {

    private static final Logger LOG = Logger.getLogger(SubmissionsResource.class.getName());

    static final String BUNDLE = "io.casegate.i18n.messages";
    static final List<String> FIELD_ORDER = List.of("name", "email", "phone", "organisation", "inn", "service",
            "subject", "description", "consent", "files");
    /** No text field of a submission comes near this; anything longer is not one. */
    private static final int MAX_TEXT_PART_BYTES = 64 * 1024;

    @Inject
    Intake intake;

    @Inject
    FilePolicy filePolicy;

    @Inject
    AttachmentStore store;

    @Inject
    ApiKeys apiKeys;

    @Inject
    ValidatorFactory validation;

    @Inject
    Clock clock;

    @Context
    UriInfo uriInfo;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response submit(List<EntityPart> parts, @HeaderParam("X-Api-Key") String apiKey,
            @HeaderParam("Idempotency-Key") String idempotencyKey, @HeaderParam("Accept-Language") String acceptLanguage) {
        Locale locale = VisitorLocale.of(acceptLanguage);
        authorise(apiKey, locale);
        Map<String, String> fields = new HashMap<>();
        List<IncomingFile> files = new ArrayList<>();
        List<StoredFile> staged = new ArrayList<>();
        try {
            long total = 0;
            for (EntityPart part : parts == null ? List.<EntityPart>of() : parts) {
                if ("files".equals(part.getName())) {
                    StoredFile file = stage(part, locale);
                    staged.add(file);
                    total += file.size();
                    if (total > filePolicy.maxTotalSizeBytes()) {
                        throw tooLarge(locale);
                    }
                    files.add(new IncomingFile(IncomingFile.baseName(part.getFileName().orElse("")),
                            part.getMediaType() == null ? null : part.getMediaType().toString(), file.size(),
                            new AttachmentStore.Staged(store, file)));
                } else {
                    fields.put(part.getName(), text(part, locale));
                }
            }
            SubmissionFields submission = fieldsOf(fields);
            validate(submission, files, locale);
            String clientId = ApiKeys.clientIdOf(apiKey);
            SubmissionContext context = new SubmissionContext(SubmissionContext.Channel.API,
                    idempotencyKey == null || idempotencyKey.isBlank() ? null : clientId + ":" + idempotencyKey.strip(),
                    locale,
                    firstNonBlank(fields.get("visitorIp"), request.getRemoteAddr()),
                    firstNonBlank(fields.get("visitorUserAgent"), request.getHeader("User-Agent")),
                    clock.instant(),
                    firstNonBlank(fields.get("consentTextVersion"), "api"));
            Receipt receipt = accept(submission, files, context, locale);
            URI location = statusUri(receipt.reference());
            return Response.accepted(json(receipt, location)).location(location).build();
        } finally {
            // The intake moves the staged files it keeps; whatever is still staged is not needed any more.
            staged.forEach(file -> store.delete(file.storageKey()));
        }
    }

    /** A failure to store (the database is down, the disk is full) is the client's cue to retry later, not a 500. */
    private Receipt accept(SubmissionFields submission, List<IncomingFile> files, SubmissionContext context, Locale locale) {
        try {
            return intake.accept(submission, files, context);
        } catch (ProblemException problem) {
            throw problem;
        } catch (RuntimeException notStored) {
            LOG.log(Level.SEVERE, "A submission could not be stored", notStored);
            throw new ProblemException(503, text(locale, "api.problem.unavailable"));
        }
    }

    @GET
    @Path("{reference}")
    public Response status(@PathParam("reference") String reference, @HeaderParam("X-Api-Key") String apiKey,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        Locale locale = VisitorLocale.of(acceptLanguage);
        authorise(apiKey, locale);
        Receipt receipt = intake.find(reference)
                .orElseThrow(() -> new ProblemException(404, text(locale, "api.problem.notFound")));
        return Response.ok(json(receipt, statusUri(receipt.reference()))).build();
    }

    private void authorise(String apiKey, Locale locale) {
        switch (apiKeys.check(apiKey)) {
            case ACCEPTED -> {
            }
            case CLOSED -> throw new ProblemException(401, text(locale, "api.problem.apiClosed"));
            default -> throw new ProblemException(401, text(locale, "api.problem.apiKey"));
        }
    }

    private StoredFile stage(EntityPart part, Locale locale) {
        try (InputStream content = part.getContent()) {
            return store.store(content, filePolicy.maxFileSizeBytes());
        } catch (AttachmentStore.TooLargeException e) {
            throw tooLarge(locale);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(EntityPart part, Locale locale) {
        try (InputStream content = part.getContent()) {
            byte[] bytes = content.readNBytes(MAX_TEXT_PART_BYTES + 1);
            if (bytes.length > MAX_TEXT_PART_BYTES) {
                throw tooLarge(locale);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProblemException(400, text(locale, "api.problem.badRequest"));
        }
    }

    private static ProblemException tooLarge(Locale locale) {
        return new ProblemException(413, text(locale, "api.problem.tooLarge"));
    }

    static SubmissionFields fieldsOf(Map<String, String> parts) {
        SubmissionFields fields = new SubmissionFields();
        fields.setName(blankToNull(parts.get("name")));
        fields.setEmail(blankToNull(parts.get("email")));
        fields.setPhone(blankToNull(parts.get("phone")));
        fields.setOrganisation(blankToNull(parts.get("organisation")));
        fields.setInn(blankToNull(parts.get("inn")));
        fields.setService(blankToNull(parts.get("service")));
        fields.setSubject(blankToNull(parts.get("subject")));
        fields.setDescription(blankToNull(parts.get("description")));
        String consent = parts.get("consent");
        fields.setConsent(consent != null && (consent.strip().equalsIgnoreCase("true") || consent.strip().equals("on")));
        return fields;
    }

    private void validate(SubmissionFields fields, List<IncomingFile> files, Locale locale) {
        Validator validator = validation.usingContext()
                .messageInterpolator(inLocale(validation.getMessageInterpolator(), locale))
                .getValidator();
        List<FieldProblem> problems = new ArrayList<>();
        for (ConstraintViolation<SubmissionFields> violation : validator.validate(fields)) {
            problems.add(new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        ResourceBundle texts = ResourceBundle.getBundle(BUNDLE, locale);
        filePolicy.check(files).forEach(problem -> problems.add(new FieldProblem("files",
                MessageFormat.format(texts.getString(problem.messageKey()), problem.arguments()))));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(problem -> order(problem.field())));
            throw new ProblemException(400, text(locale, "api.problem.validation"), null, problems);
        }
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

    private URI statusUri(String reference) {
        return uriInfo.getBaseUriBuilder().path(SubmissionsResource.class).path(reference).build();
    }

    static String json(Receipt receipt, URI statusUrl) {
        JsonObjectBuilder body = JSON.createObjectBuilder()
                .add("reference", receipt.reference())
                .add("status", receipt.status().name());
        if (receipt.caseNumber() == null) {
            body.addNull("caseNumber");
        } else {
            body.add("caseNumber", receipt.caseNumber());
        }
        return body.add("statusUrl", statusUrl.toString()).build().toString();
    }

    static String text(Locale locale, String key) {
        return ResourceBundle.getBundle(BUNDLE, locale).getString(key);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String firstNonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first.strip() : second;
    }
}
