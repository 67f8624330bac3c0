package io.casegate.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The sandbox CRM imitates a third-party system: the product may reach it only over HTTP, and it
 * must never lean on the product. A compile-time import in either direction would make the
 * rehearsal against the sandbox prove less than it claims.
 */
class SandboxBoundaryTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path SANDBOX = SOURCES.resolve("io/casegate/sandbox");
    private static final Pattern PRODUCT_REFERENCE = Pattern.compile("\\bio\\.casegate\\.(?!sandbox\\b)\\w+");
    private static final Pattern SANDBOX_REFERENCE = Pattern.compile("\\bio\\.casegate\\.sandbox\\b");

    @Test
    void sandboxUsesNoProductCode() {
        List<String> offenders = javaFiles()
                .filter(file -> file.startsWith(SANDBOX))
                .filter(file -> PRODUCT_REFERENCE.matcher(importsOf(file)).find())
                .map(Path::toString)
                .toList();
        assertEquals(List.of(), offenders);
    }

    @Test
    void productUsesNoSandboxCode() {
        List<String> offenders = javaFiles()
                .filter(file -> !file.startsWith(SANDBOX))
                .filter(file -> SANDBOX_REFERENCE.matcher(read(file)).find())
                .map(Path::toString)
                .toList();
        assertEquals(List.of(), offenders);
    }

    /** The import section, and every fully qualified name in the file's code. */
    private static String importsOf(Path file) {
        return read(file).replaceFirst("(?s)^\\s*(/\\*.*?\\*/\\s*)?package\\s+[\\w.]+;", "");
    }

    private static Stream<Path> javaFiles() {
        try {
            return Files.walk(SOURCES).filter(file -> file.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
