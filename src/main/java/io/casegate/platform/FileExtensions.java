package io.casegate.platform;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** File types as configuration names them ({@code pdf, .PNG}) and as file names carry them. */
public final class FileExtensions {

    /** The type of a file whose extension is not listed here: bytes of no particular type. */
    public static final String UNKNOWN_TYPE = "application/octet-stream";

    /**
     * The media type of each extension a support request plausibly carries (the IANA registrations,
     * or the type in common use where none is registered). A file's type is always read from here,
     * never from the request: a browser or a script may send anything as a part's Content-Type.
     */
    private static final Map<String, String> MEDIA_TYPES = Map.ofEntries(
            Map.entry("pdf", "application/pdf"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("bmp", "image/bmp"),
            Map.entry("webp", "image/webp"),
            Map.entry("tif", "image/tiff"),
            Map.entry("tiff", "image/tiff"),
            Map.entry("heic", "image/heic"),
            Map.entry("txt", "text/plain"),
            Map.entry("log", "text/plain"),
            Map.entry("csv", "text/csv"),
            Map.entry("xml", "application/xml"),
            Map.entry("json", "application/json"),
            Map.entry("zip", "application/zip"),
            Map.entry("7z", "application/x-7z-compressed"),
            Map.entry("rar", "application/vnd.rar"),
            Map.entry("gz", "application/gzip"),
            Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
            Map.entry("odp", "application/vnd.oasis.opendocument.presentation"),
            Map.entry("rtf", "application/rtf"),
            Map.entry("eml", "message/rfc822"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("mov", "video/quicktime"),
            Map.entry("webm", "video/webm"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("wav", "audio/wav"));

    private FileExtensions() {}

    /** A comma-separated list of extensions, in lower case and without dots. */
    public static Set<String> parse(String list) {
        return Arrays.stream(list.split(","))
                .map(extension -> extension.strip().toLowerCase(Locale.ROOT).replaceFirst("^\\.", ""))
                .filter(extension -> !extension.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The extension of a file name in lower case, without the dot; empty when the name has none. */
    public static String of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * The media type of a file, from its name's extension alone; {@value #UNKNOWN_TYPE} for an
     * extension not listed (an operator may allow more types than the list knows).
     */
    public static String mediaType(String fileName) {
        return MEDIA_TYPES.getOrDefault(of(fileName == null ? "" : fileName), UNKNOWN_TYPE);
    }
}
