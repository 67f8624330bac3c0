package io.casegate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Small files a visitor attaches, written under {@code target/sample-files/}. */
public final class SampleFiles {

    private static final Path DIRECTORY = Path.of("target", "sample-files");

    private SampleFiles() {}

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

    /** {@code size} pseudo-random bytes, the same for the same seed: file content that does not compress. */
    public static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** {@code size} bytes of a repeated pseudo-random block, produced as they are read: a large file held in no memory. */
    public static InputStream generated(long size) {
        return new GeneratedContent(size);
    }

    public static Path write(String name, byte[] content) {
        try {
            Files.createDirectories(DIRECTORY);
            return Files.write(DIRECTORY.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class GeneratedContent extends InputStream {
        private static final byte[] BLOCK = randomBytes(64 * 1024, 7);
        private long remaining;
        private long position;

        GeneratedContent(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            return BLOCK[(int) (position++ % BLOCK.length)] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                return -1;
            }
            int inBlock = (int) (position % BLOCK.length);
            int count = (int) Math.min(Math.min(length, remaining), BLOCK.length - inBlock);
            System.arraycopy(BLOCK, inBlock, buffer, offset, count);
            remaining -= count;
            position += count;
            return count;
        }
    }
}
