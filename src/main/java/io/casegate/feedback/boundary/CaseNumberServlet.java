package io.casegate.feedback.boundary;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.casegate.platform.AbuseLimits;
import io.casegate.platform.ClientAddress;
import io.casegate.platform.Jsonp;
import io.casegate.platform.RateLimiter;

/**
 * What the success dialog asks while it waits for the CRM's case number (issue 14: no request
 * thread sleeps for it). {@code GET /form/case-number?reference=WEB-…} answers at once:
 * <pre>{"reference":"WEB-2026-000042","status":"received","caseNumber":null,"waiting":true}</pre>
 * {@code waiting} is false once the number is there, the delivery is delayed or
 * {@code casegate.form.case-number-wait} has passed since the form was sent; the dialog then stops
 * asking. Only references sent in the asking browser session are answered (404 otherwise), and the
 * questions are limited per client address ({@code casegate.limits.case-number.*}, 429).
 */
@WebServlet("/form/case-number")
public class CaseNumberServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    SubmissionIntake intake;

    @Inject
    SentForms sentForms;

    @Inject
    FormSettings settings;

    @Inject
    AbuseLimits limits;

    @Inject
    ClientAddress clientAddress;

    @Inject
    Clock clock;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        Optional<Duration> wait = limits.caseNumberPoll(clientAddress.of(request));
        if (wait.isPresent()) {
            response.setHeader("Retry-After", Long.toString(RateLimiter.retryAfterSeconds(wait.get())));
            answer(response, 429, Jsonp.JSON.createObjectBuilder().add("error", "rate-limited"));
            return;
        }
        // Without a session nothing was sent from this browser; asking must not create one.
        Optional<SentForms.Sent> sent = request.getSession(false) == null
                ? Optional.empty()
                : sentForms.find(request.getParameter("reference"));
        Optional<Receipt> receipt = sent.flatMap(form -> intake.find(form.reference()));
        if (receipt.isEmpty()) {
            answer(response, 404, Jsonp.JSON.createObjectBuilder().add("error", "not-found"));
            return;
        }
        JsonObjectBuilder answer = Jsonp.JSON
                .createObjectBuilder()
                .add("reference", receipt.get().reference())
                .add("status", receipt.get().status().name().toLowerCase(java.util.Locale.ROOT));
        if (receipt.get().caseNumber() == null) {
            answer.addNull("caseNumber");
        } else {
            answer.add("caseNumber", receipt.get().caseNumber());
        }
        answer.add(
                "waiting",
                isWaiting(receipt.get(), sent.get().acceptedAt(), settings.caseNumberWait(), Instant.now(clock)));
        answer(response, 200, answer);
    }

    /** A small JSON answer, also for refusals: no error page is rendered for a question asked every second. */
    private static void answer(HttpServletResponse response, int status, JsonObjectBuilder body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        try (Writer out = response.getWriter()) {
            out.write(body.build().toString());
        }
    }

    /**
     * Whether the dialog still waits for the case number: none yet, the delivery not delayed, and
     * less than {@code wait} since the form was sent. The one rule for the dialog's questions and
     * for the refreshing page of a browser without JavaScript.
     */
    static boolean isWaiting(Receipt receipt, Instant acceptedAt, Duration wait, Instant now) {
        return receipt.caseNumber() == null
                && receipt.status() == Receipt.Status.RECEIVED
                && now.isBefore(acceptedAt.plus(wait));
    }
}
