package io.casegate.platform;

import java.util.List;

/**
 * A failure to be answered as RFC 9457 problem details ({@code application/problem+json}), with
 * the texts already in the client's language. {@link ProblemMapper} writes it.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A problem with one field of the request, as the form would show it next to that field. */
    public record FieldProblem(String field, String message) {}

    private final int status;
    private final String title;
    private final String detail;
    private final List<FieldProblem> fieldProblems;

    public ProblemException(int status, String title, String detail, List<FieldProblem> fieldProblems) {
        super(status + " " + title);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    public ProblemException(int status, String title) {
        this(status, title, null, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }
}
