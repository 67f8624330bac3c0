package io.casegate.attachments.boundary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Serves files that went to Casegate's own external storage, by their unguessable token, until they expire. */
@WebServlet(LocalExternalFileStore.PATH + "*")
public class PublishedFileServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient LocalExternalFileStore store;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token =
                request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        var file = store.find(token);
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        var published = file.get();
        response.setContentType(published.mediaType());
        response.setContentLengthLong(published.size());
        response.setHeader("Content-Disposition", attachment(published.fileName()));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "private, no-store");
        Files.copy(published.path(), response.getOutputStream());
    }

    /**
     * RFC 6266: the exact name as an RFC 5987 {@code filename*}, which every current browser and
     * curl -OJ use, and an ASCII {@code filename} for clients that know only that one, with
     * whatever it cannot carry (non-ASCII, quotes, backslashes, percent signs) as underscores.
     */
    static String attachment(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "file" : fileName;
        StringBuilder ascii = new StringBuilder();
        name.codePoints()
                .forEach(
                        c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || ATTR_CHAR_MARKS.indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /** The marks RFC 5987's attr-char allows unencoded besides letters and digits. */
    private static final String ATTR_CHAR_MARKS = "!#$&+-.^_`|~";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
