package io.casegate.sandbox.http;

/**
 * A refusal that the sandbox answers with an HTTP status and the OData error envelope, whose
 * {@code internalexception.message} carries {@link #getMessage()}, the real reason.
 */
public class SandboxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public SandboxException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static SandboxException badRequest(String reason) {
        return new SandboxException(400, reason);
    }

    public static SandboxException notFound(String reason) {
        return new SandboxException(404, reason);
    }
}
