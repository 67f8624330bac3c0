package io.casegate.attachments.boundary;

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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.casegate.attachments.entity.IncomingFile;
import io.casegate.attachments.entity.StoredFile;
import io.casegate.platform.FileContent;

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

    @Inject
    @ConfigProperty(name = "casegate.attachments.dir")
    String directory;

    Path root;

    public AttachmentStore() {}

    /** In the given directory, for tests. */
    AttachmentStore(String directory) {
        this.directory = directory;
        open();
    }

    @PostConstruct
    void open() {
        root = Path.of(directory).toAbsolutePath().normalize();
    }

    /**
     * A file that is already in this store under a staging key (the REST intake stages each part
     * while it reads the request). {@link #store(IncomingFile)} moves it instead of copying it.
     */
    public record Staged(AttachmentStore store, StoredFile file) implements FileContent {
        @Override
        public InputStream open() throws IOException {
            return store.open(file.storageKey());
        }
    }

    /** Streams the file into the store; a {@link Staged} file is moved under a key of its own, not copied and hashed again. */
    public StoredFile store(IncomingFile file) {
        if (file.content() instanceof Staged staged) {
            try {
                return adopt(staged.file());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not store " + file.fileName(), e);
            }
        }
        try (InputStream in = file.content().open()) {
            return store(in, Long.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store " + file.fileName(), e);
        }
    }

    /** Streams {@code in} into the store, failing with {@link TooLargeException} beyond {@code limit} bytes. */
    public StoredFile store(InputStream in, long limit) throws IOException {
        String key = newKey();
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

    /** Moves a stored file under a new key; its size and checksum stay as they were computed while it was stored. */
    StoredFile adopt(StoredFile staged) throws IOException {
        String key = newKey();
        Path target = pathOf(key);
        Files.createDirectories(target.getParent());
        Files.move(pathOf(staged.storageKey()), target, StandardCopyOption.ATOMIC_MOVE);
        return new StoredFile(key, staged.size(), staged.sha256());
    }

    private static String newKey() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return "%d/%02d/%s".formatted(today.getYear(), today.getMonthValue(), UUID.randomUUID());
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

    /**
     * The keys of files last written before {@code cutoff}, at most {@code limit}: candidates for the
     * orphan sweep (files of an intake that a crash interrupted before its commit, and uploads
     * staged by a request that died).
     */
    public List<String> keysWrittenBefore(Instant cutoff, int limit) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> lastModified(file).isBefore(cutoff))
                    .limit(limit)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "Could not list the attachment store", e);
            return List.of();
        }
    }

    private static Instant lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.MAX;
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
