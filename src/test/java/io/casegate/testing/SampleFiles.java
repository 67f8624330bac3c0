package io.casegate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small files a visitor attaches, written under {@code target/sample-files/}. */
public final class SampleFiles {

    private static final Path DIRECTORY = Path.of("target", "sample-files");

    private SampleFiles() {
    }

    public static Path text(String name, String content) {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A tiny but well-formed PDF. */
    public static Path pdf(String name) {
        String pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                + "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
                + "trailer<</Root 1 0 R>>\n%%EOF\n";
        return write(name, pdf.getBytes(StandardCharsets.US_ASCII));
    }

    public static Path write(String name, byte[] content) {
        try {
            Files.createDirectories(DIRECTORY);
            return Files.write(DIRECTORY.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
