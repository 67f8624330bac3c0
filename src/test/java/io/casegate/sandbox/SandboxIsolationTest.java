package io.casegate.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The sandbox and the product meet only over HTTP: no import in either direction. */
class SandboxIsolationTest {

    private static final Path SOURCES = Path.of("src/main/java/io/casegate");
    private static final Pattern PRODUCT_REFERENCE = Pattern.compile("io\\.casegate\\.(?!sandbox\\b)[a-z]");
    private static final Pattern SANDBOX_REFERENCE = Pattern.compile("io\\.casegate\\.sandbox\\b");

    @Test
    void sandboxUsesNoProductClass() throws IOException {
        assertEquals(List.of(), offenders(SOURCES.resolve("sandbox"), PRODUCT_REFERENCE, true));
    }

    @Test
    void productUsesNoSandboxClass() throws IOException {
        assertEquals(List.of(), offenders(SOURCES, SANDBOX_REFERENCE, false));
    }

    private static List<String> offenders(Path root, Pattern forbidden, boolean insideSandbox) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> insideSandbox == file.startsWith(SOURCES.resolve("sandbox")))
                    .filter(file -> {
                        try {
                            return Files.readAllLines(file).stream()
                                    .filter(line -> !line.startsWith("package "))
                                    .anyMatch(line -> forbidden.matcher(line).find());
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString)
                    .toList();
        }
    }
}
