package io.casegate.attachments.entity;

import io.casegate.platform.FileContent;
import io.casegate.platform.FileExtensions;

/**
 * A file as it arrives with a submission, before it is stored: from a Faces {@code Part} or a
 * REST multipart part. Only its description is held; the bytes are streamed from {@link #content()}.
 *
 * <p>It holds no media type: the Content-Type a browser or a script sends with a part is not
 * trusted; {@link #mediaType()} follows from the (allowed) extension.
 *
 * @param fileName the name the visitor's browser gave, without any directory part
 * @param size in bytes, as the container measured it
 */
public record IncomingFile(String fileName, long size, FileContent content) {

    /** The file name without any path a browser may send (old IE sends C:\...\name.pdf). */
    public static String baseName(String submitted) {
        if (submitted == null) {
            return "";
        }
        String name = submitted.substring(Math.max(submitted.lastIndexOf('/'), submitted.lastIndexOf('\\')) + 1);
        return name.replaceAll("[\\p{Cntrl}]", "").strip();
    }

    /** The file's media type, from its extension ({@link FileExtensions#mediaType}). */
    public String mediaType() {
        return FileExtensions.mediaType(fileName);
    }

    /** The extension in lower case, without the dot; empty when the name has none. */
    public String extension() {
        return FileExtensions.of(fileName);
    }
}
