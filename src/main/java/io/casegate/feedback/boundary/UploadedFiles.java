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
                .map(part -> new IncomingFile(fileName(part), part.getSize(), part::getInputStream))
                .toList();
    }

    /** Read from the header, as the API reads it: the container's own reading knows no {@code filename*}. */
    private static String fileName(Part part) {
        return SubmittedFileName.of(part.getHeader("Content-Disposition"), SubmittedFileName.HeaderText.DECODED);
    }
}
