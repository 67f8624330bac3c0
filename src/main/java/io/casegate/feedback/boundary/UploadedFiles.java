package io.casegate.feedback.boundary;

import java.util.Collection;
import java.util.List;

import jakarta.servlet.http.Part;

import io.casegate.attachments.entity.IncomingFile;

/**
 * Turns the servlet {@link Part}s of an upload into {@link IncomingFile}s, so that the file rules
 * and the intake never see servlet types. The bytes stay in the container's upload store and are
 * streamed from the part when the intake reads them, within the same request.
 */
final class UploadedFiles {

    /** The length of the attachment's media_type column (V1); no real media type comes near it. */
    static final int MEDIA_TYPE_MAX = 255;

    private UploadedFiles() {}

    /**
     * The files the visitor chose. A browser sends one nameless, empty part for a file input left
     * empty; that part is no file.
     */
    static List<IncomingFile> of(Object submitted) {
        if (submitted instanceof Part part) {
            return of(List.of(part));
        }
        if (!(submitted instanceof Collection<?> parts)) {
            return List.of();
        }
        return parts.stream()
                .filter(Part.class::isInstance)
                .map(Part.class::cast)
                .filter(part -> !fileName(part).isEmpty() || part.getSize() > 0)
                .map(part -> new IncomingFile(fileName(part), mediaType(part), part.getSize(), part::getInputStream))
                .toList();
    }

    /** A type longer than its column is no real one: such a file is sent as bytes of no particular type. */
    private static String mediaType(Part part) {
        String type = part.getContentType();
        return type == null || type.length() > MEDIA_TYPE_MAX ? "application/octet-stream" : type;
    }

    /** Read from the header, as the API reads it: the container's own reading knows no {@code filename*}. */
    private static String fileName(Part part) {
        return SubmittedFileName.of(part.getHeader("Content-Disposition"), SubmittedFileName.HeaderText.DECODED);
    }
}
