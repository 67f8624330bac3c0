package io.casegate.feedback.boundary;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
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
import io.casegate.feedback.control.ApiKeys;
import io.casegate.feedback.control.SubmissionValidation;
import io.casegate.feedback.entity.SubmissionFields;
import io.casegate.platform.ClientAddress;
import io.casegate.platform.ProblemException;
import io.casegate.platform.ProblemException.FieldProblem;
import io.casegate.platform.Texts;
import io.casegate.platform.VisitorLocale;

/**
 * The REST intake, for sites that post from their own server: the same fields, rules and
 * messages as the form, an API key per client ({@link ApiKeyFilter}, before the body is read; the
 * body's size is limited by {@link BodyLimitFilter}), and an optional
 * Idempotency-Key so that a retried request never becomes a second case.
 */
@Path("v1/submissions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SubmissionsResource {

    private static final Logger LOG = Logger.getLogger(SubmissionsResource.class.getName());

    @Inject
    ClientAddress clientAddress;

    @Inject
    Intake intake;

    @Inject
    SubmissionValidation validation;

    @Inject
    FilePolicy filePolicy;

    @Inject
    AttachmentStore store;

    @Inject
    Clock clock;

    @Context
    UriInfo uriInfo;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response submit(
            List<EntityPart> parts,
            @HeaderParam(ApiKeyFilter.HEADER) String apiKey,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        Locale locale = VisitorLocale.of(acceptLanguage);
        try (SubmissionParts submission = SubmissionParts.read(
                parts,
                store,
                filePolicy.maxFileSizeBytes(),
                filePolicy.maxTotalSizeBytes(),
                BodyLimitFilter.maxParts(filePolicy),
                locale)) {
            List<FieldProblem> problems =
                    new ArrayList<>(validation.problems(submission.submission(), submission.files(), locale));
            problems.addAll(recordProblems(submission, locale));
            if (!problems.isEmpty()) {
                throw new ProblemException(400, Texts.text(locale, "api.problem.validation"), null, problems);
            }
            SubmissionContext context = new SubmissionContext(
                    SubmissionContext.Channel.API,
                    idempotencyKey == null || idempotencyKey.isBlank()
                            ? null
                            : ApiKeys.clientIdOf(apiKey) + ":" + idempotencyKey.strip(),
                    locale,
                    firstNonBlank(submission.field("visitorIp"), clientAddress.of(request)),
                    firstNonBlank(submission.field("visitorUserAgent"), request.getHeader("User-Agent")),
                    clock.instant(),
                    firstNonBlank(submission.field("consentTextVersion"), "api"),
                    ApiKeys.clientIdOf(apiKey));
            Receipt receipt = accept(submission, context, locale);
            URI location = statusUri(receipt.reference());
            return Response.accepted(ReceiptJson.of(receipt, location))
                    .location(location)
                    .build();
        }
    }

    /**
     * The consent record's fields that the site's server may give, refused when longer than their
     * columns: the IP address and the version of the consent text are evidence and are never cut.
     * (A user agent is only cut to its column, and a file name shortened to its column keeping its
     * extension, by {@code Submission} and {@link SubmittedFileName}: both harmless.)
     */
    private static List<FieldProblem> recordProblems(SubmissionParts submission, Locale locale) {
        List<FieldProblem> problems = new ArrayList<>();
        tooLong(problems, "visitorIp", submission.field("visitorIp"), SubmissionContext.CLIENT_IP_MAX, locale);
        tooLong(
                problems,
                "consentTextVersion",
                submission.field("consentTextVersion"),
                SubmissionContext.CONSENT_VERSION_MAX,
                locale);
        return problems;
    }

    private static void tooLong(List<FieldProblem> problems, String field, String value, int max, Locale locale) {
        if (value != null && value.strip().length() > max) {
            problems.add(new FieldProblem(field, Texts.text(locale, "api.problem.valueTooLong", max)));
        } else if (value != null && !value.matches(SubmissionFields.NO_CONTROLS)) {
            problems.add(new FieldProblem(field, Texts.text(locale, "api.problem.controlCharacters")));
        }
    }

    /** A failure to store (the database is down, the disk is full) is the client's cue to retry later, not a 500. */
    private Receipt accept(SubmissionParts submission, SubmissionContext context, Locale locale) {
        try {
            return intake.accept(submission.submission(), submission.files(), context);
        } catch (ProblemException problem) {
            throw problem;
        } catch (RuntimeException notStored) {
            LOG.log(Level.SEVERE, "A submission could not be stored", notStored);
            throw new ProblemException(503, Texts.text(locale, "api.problem.unavailable"));
        }
    }

    /**
     * The state of a submission made with the same API key; another key's submission (or a form's)
     * is answered exactly like an unknown reference, 404.
     */
    @GET
    @Path("{reference}")
    public ReceiptJson status(
            @PathParam("reference") String reference,
            @HeaderParam(ApiKeyFilter.HEADER) String apiKey,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        Receipt receipt = intake.findForApiClient(reference, apiKey == null ? null : ApiKeys.clientIdOf(apiKey))
                .orElseThrow(() -> new ProblemException(
                        404, Texts.text(VisitorLocale.of(acceptLanguage), "api.problem.notFound")));
        return ReceiptJson.of(receipt, statusUri(receipt.reference()));
    }

    private URI statusUri(String reference) {
        return uriInfo.getBaseUriBuilder()
                .path(SubmissionsResource.class)
                .path(reference)
                .build();
    }

    private static String firstNonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first.strip() : second;
    }
}
