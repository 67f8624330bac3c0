package io.casegate.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.casegate.attachments.entity.AttachedFile;
import io.casegate.cases.entity.CaseRequest;

/** Submissions for the tests, each with its own visitor unless one is given. */
public final class TestCases {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestCases() {}

    /** A visitor: name, e-mail, phone, organisation and INN. */
    public record Visitor(String name, String email, String phone, String organisation, String inn) {

        public static Visitor fresh() {
            String unique = UUID.randomUUID().toString().substring(0, 8);
            int n = Math.abs(unique.hashCode());
            return new Visitor(
                    "Ivan Test " + unique,
                    "ivan." + unique + "@example.com",
                    String.format("+7916%07d", n % 10_000_000),
                    "Test Company " + unique,
                    String.format("77%08d", n % 100_000_000));
        }
    }

    public static CaseRequest ticket(Visitor visitor, String service, List<AttachedFile> files) {
        int number = SEQUENCE.incrementAndGet();
        return new CaseRequest(
                UUID.randomUUID(),
                String.format("WEB-2026-%06d", number),
                visitor.name(),
                visitor.email(),
                visitor.phone(),
                visitor.organisation(),
                visitor.inn(),
                service,
                "Printer does not print " + number,
                "The receipt printer stops after the first line.\nSecond line of the description.",
                Locale.forLanguageTag("ru"),
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                files);
    }

    /** A file of {@code size} reproducible bytes, generated while read and never held whole. */
    public static AttachedFile file(String name, String mediaType, long size) {
        long seed = name.hashCode() * 31L + size;
        return new AttachedFile(UUID.randomUUID(), name, mediaType, size, () -> bytes(seed, size));
    }

    public static byte[] content(AttachedFile file) {
        try (InputStream in = file.content().open()) {
            return in.readAllBytes();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static InputStream bytes(long seed, long size) {
        if (size < 1 << 20) {
            byte[] all = new byte[(int) size];
            new Random(seed).nextBytes(all);
            return new ByteArrayInputStream(all);
        }
        Random random = new Random(seed);
        return new InputStream() {
            long left = size;

            @Override
            public int read() {
                if (left <= 0) {
                    return -1;
                }
                left--;
                return random.nextInt(256);
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int count = (int) Math.min(length, left);
                for (int i = 0; i < count; i++) {
                    buffer[offset + i] = (byte) random.nextInt(256);
                }
                left -= count;
                return count;
            }
        };
    }
}
