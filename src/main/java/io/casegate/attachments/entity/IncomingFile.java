package io.casegate.attachments.entity;

import io.casegate.platform.FileContent;
import io.casegate.platform.FileExtensions;

/**
 * A file as it arrives with a submission, before it is stored: from a Faces {@code Part} or a
 * REST multipart part. Only its description is held; the bytes are streamed from {@link #content()}.
 *
 * @param fileName the name the visitor's browser gave, without any directory part
 * @param size in bytes, as the container measured it
 */
public record IncomingFile(String fileName, String mediaType, long size, FileContent content) {

    /** The file name without any path a browser may send (old IE sends C:\...\name.pdf). */
    public static String baseName(String submitted) {
        if (submitted == null) {
            return "";
        }
        String name = submitted.substring(Math.max(submitted.lastIndexOf('/'), submitted.lastIndexOf('\\')) + 1);
        return name.replaceAll("[\\p{Cntrl}]", "").strip();
    }

    /** The extension in lower case, without the dot; empty when the name has none. */
    public String extension() {
        return FileExtensions.of(fileName);
    }
}
