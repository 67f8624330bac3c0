package io.casegate.attachments.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.casegate.attachments.entity.IncomingFile;
import io.casegate.attachments.entity.StoredFile;

/**
 * Keeps the bytes of attachments in a directory ({@code casegate.attachments.dir}, by default
 * {@code attachments} under {@code casegate.data.dir}). Files are streamed in and out, never held
 * whole in memory, and written completely under a temporary name before they get their own, so a
 * crash leaves no half-written file behind a stored key.
 */
@ApplicationScoped
public class AttachmentStore {

    private static final Logger LOG = Logger.getLogger(AttachmentStore.class.getName());

    /** A file larger than this while it is read is cut off: the REST intake's 413. */
    public static class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        public TooLargeException(long limit) {
            super("larger than " + limit + " bytes");
        }
    }

    Path root;

    public AttachmentStore() {
    }

    @Inject
    public AttachmentStore(@ConfigProperty(name = "casegate.attachments.dir") String directory) {
        this.root = Path.of(directory).toAbsolutePath().normalize();
    }

    /** Streams the file into the store. */
    public StoredFile store(IncomingFile file) {
        try (InputStream in = file.content().open()) {
            return store(in, Long.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store " + file.fileName(), e);
        }
    }

    /** Streams {@code in} into the store, failing with {@link TooLargeException} beyond {@code limit} bytes. */
    public StoredFile store(InputStream in, long limit) throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String key = "%d/%02d/%s".formatted(today.getYear(), today.getMonthValue(), UUID.randomUUID());
        Path target = pathOf(key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        MessageDigest sha256 = sha256();
        long size = 0;
        try (InputStream digesting = new DigestInputStream(in, sha256);
                OutputStream out = Files.newOutputStream(partial)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = digesting.read(buffer)) >= 0) {
                size += read;
                if (size > limit) {
                    throw new TooLargeException(limit);
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return new StoredFile(key, size, HexFormat.of().formatHex(sha256.digest()));
    }

    public InputStream open(String storageKey) throws IOException {
        return Files.newInputStream(pathOf(storageKey));
    }

    public boolean exists(String storageKey) {
        return Files.isRegularFile(pathOf(storageKey));
    }

    /** Removes a stored file; a file that is already gone is fine. */
    public void delete(String storageKey) {
        try {
            Files.deleteIfExists(pathOf(storageKey));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete attachment " + storageKey, e);
        }
    }

    Path pathOf(String storageKey) {
        Path path = root.resolve(storageKey).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("Not a storage key: " + storageKey);
        }
        return path;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
