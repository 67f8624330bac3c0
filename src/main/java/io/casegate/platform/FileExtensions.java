package io.casegate.platform;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** File types as configuration names them ({@code pdf, .PNG}) and as file names carry them. */
public final class FileExtensions {

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
}
