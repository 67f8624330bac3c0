package io.casegate.feedback.boundary;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import io.casegate.attachments.boundary.FilePolicy;
import io.casegate.platform.ProblemException;
import io.casegate.platform.ProblemMapper;
import io.casegate.platform.Texts;
import io.casegate.platform.VisitorLocale;

/**
 * Limits the bodies of the form's and the API's requests before they are read (issue 14): a body
 * larger than the configured files allow ({@code casegate.files.max-total-size-mb} plus
 * {@value #TEXT_ROOM_BYTES} bytes for the text fields and multipart headers) is answered 413 from its
 * Content-Length alone, and the connection is closed rather than drained, so nothing of it reaches the
 * disk. A chunked body to the API is counted as it is read and cut at the limit; a chunked POST to a
 * page is refused (411): browsers always give a form's length, and the container's multipart parser
 * would write a chunked body to disk unchecked (and leave its temporary file behind when cut). A form
 * with more parts than the files and its fields need is refused too.
 */
public class BodyLimitFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(BodyLimitFilter.class.getName());

    /** Room beyond the files for the text fields, the multipart headers and the form's view state. */
    static final long TEXT_ROOM_BYTES = 1024L * 1024L;
    /** Parts beyond the files: the form's fields, view state and ajax parameters, or the API's text fields. */
    static final int FIELD_PARTS = 40;

    private static final long MB = 1024L * 1024L;

    @Inject
    FilePolicy filePolicy;

    /** The largest body that a valid submission can have. */
    long maxBodyBytes() {
        return filePolicy.maxTotalSizeBytes() + TEXT_ROOM_BYTES;
    }

    /** The most parts that a valid submission can have, through the form or the API. */
    static int maxParts(FilePolicy filePolicy) {
        return filePolicy.maxCount() + FIELD_PARTS;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean api = request.getServletPath().startsWith("/api");
        // The API's callers are servers with no session: their header is their language.
        Locale locale = api ? VisitorLocale.of(request.getHeader("Accept-Language")) : VisitorLocale.kept(request);
        long length = request.getContentLengthLong();
        if (length > maxBodyBytes()) {
            LOG.log(Level.INFO, "Refused a request to {0} of {1} bytes (at most {2})", new Object[] {
                request.getRequestURI(), length, maxBodyBytes()
            });
            tooLarge(response, api, locale);
            return;
        }
        if (length < 0 && lengthUnknown(request)) {
            if (!api) {
                refusePage(response, 411, locale, Texts.text(locale, "form.limit.lengthRequired"));
                return;
            }
            spooled(request, response, chain, locale);
            return;
        }
        if (!api && isMultipart(request) && tooManyParts(request)) {
            refusePage(response, 413, locale, Texts.text(locale, "form.limit.tooManyParts", filePolicy.maxCount()));
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * A chunked body to the API, copied to a file of its own up to the limit and handed on with its
     * length, then removed. Jersey's multipart reader would otherwise spool it to a temporary file of
     * its own, which stays behind when the body is cut (until a garbage collection removes it).
     */
    private void spooled(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Locale locale)
            throws IOException, ServletException {
        Path spool = Files.createTempFile("casegate-body-", ".tmp");
        try {
            long copied;
            try (InputStream in = request.getInputStream();
                    OutputStream out = Files.newOutputStream(spool)) {
                copied = in.transferTo(new LimitedOutputStream(out, maxBodyBytes()));
            } catch (LimitedOutputStream.LimitReached cut) {
                LOG.log(Level.INFO, "Cut a chunked request to {0} at {1} bytes", new Object[] {
                    request.getRequestURI(), maxBodyBytes()
                });
                tooLarge(response, true, locale);
                return;
            }
            chain.doFilter(new SpooledRequest(request, spool, copied), response);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** A body whose length is not declared: chunked in HTTP/1.1, or an HTTP/2 request without content-length. */
    private static boolean lengthUnknown(HttpServletRequest request) {
        return request.getHeader("Transfer-Encoding") != null
                || (request.getProtocol() != null
                        && request.getProtocol().startsWith("HTTP/2")
                        && !"GET".equals(request.getMethod())
                        && !"HEAD".equals(request.getMethod()));
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return "POST".equals(request.getMethod())
                && type != null
                && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /**
     * The container's parts, read here within the length already checked; Faces gets the same parts
     * later. A body the container cannot parse is left to Faces, which answers it as before.
     */
    private boolean tooManyParts(HttpServletRequest request) {
        try {
            return request.getParts().size() > maxParts(filePolicy);
        } catch (IOException | ServletException | RuntimeException unparsable) {
            LOG.log(Level.FINE, "A multipart form could not be parsed", unparsable);
            return false;
        }
    }

    private void tooLarge(HttpServletResponse response, boolean api, Locale locale) throws IOException {
        if (api) {
            refuse(response, new ProblemException(413, Texts.text(locale, "api.problem.tooLarge")));
        } else {
            refusePage(
                    response,
                    413,
                    locale,
                    Texts.text(locale, "form.limit.tooLarge", filePolicy.maxTotalSizeBytes() / MB));
        }
    }

    /** Answers with a problem and closes the connection, so that the container does not read the rest of the body. */
    static void refuse(HttpServletResponse response, ProblemException problem) throws IOException {
        refuse(response, problem, 0);
    }

    /** The same with a {@code Retry-After} of {@code retryAfterSeconds} when that is above 0 (a 429). */
    static void refuse(HttpServletResponse response, ProblemException problem, long retryAfterSeconds)
            throws IOException {
        response.reset();
        response.setStatus(problem.status());
        if (retryAfterSeconds > 0) {
            response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        response.setHeader("Connection", "close");
        if (problem.status() == 401) {
            response.setHeader("WWW-Authenticate", ProblemMapper.WWW_AUTHENTICATE);
        }
        write(response, ProblemMapper.PROBLEM_JSON.toString(), ProblemMapper.json(problem));
    }

    /** A page for a visitor whose browser posted the form without JavaScript: what happened and the way back. */
    private static void refusePage(HttpServletResponse response, int status, Locale locale, String message)
            throws IOException {
        response.reset();
        response.setStatus(status);
        response.setHeader("Connection", "close");
        String page = "<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"UTF-8\">"
                + "<title>" + escape(Texts.text(locale, "form.limit.title")) + "</title></head><body><main><h1>"
                + escape(Texts.text(locale, "form.limit.title")) + "</h1><p>" + escape(message)
                + "</p><p><a href=\"./\">"
                + escape(Texts.text(locale, "form.limit.back")) + "</a></p></main></body></html>";
        write(response, "text/html;charset=UTF-8", page);
    }

    private static void write(HttpServletResponse response, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType(contentType);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

    /** Fails once more than {@code limit} bytes were written. */
    private static final class LimitedOutputStream extends FilterOutputStream {

        static final class LimitReached extends IOException {
            private static final long serialVersionUID = 1L;
        }

        private final long limit;
        private long written;

        LimitedOutputStream(OutputStream out, long limit) {
            super(out);
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            count(length);
            out.write(bytes, offset, length);
        }

        private void count(int n) throws LimitReached {
            written += n;
            if (written > limit) {
                throw new LimitReached();
            }
        }
    }

    /** The request with its body read from the spool file, its length now known. */
    private static final class SpooledRequest extends HttpServletRequestWrapper {

        private final Path spool;
        private final long length;

        SpooledRequest(HttpServletRequest request, Path spool, long length) {
            super(request);
            this.spool = spool;
            this.length = length;
        }

        @Override
        public long getContentLengthLong() {
            return length;
        }

        @Override
        public int getContentLength() {
            return (int) length;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            InputStream in = Files.newInputStream(spool);
            return new ServletInputStream() {
                private boolean finished;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    finished = b < 0;
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int count) throws IOException {
                    int n = in.read(buffer, offset, count);
                    finished = n < 0;
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return finished;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("A spooled body is read blocking");
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
