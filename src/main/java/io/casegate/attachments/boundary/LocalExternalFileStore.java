package io.casegate.attachments.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.casegate.attachments.entity.AttachedFile;
import io.casegate.platform.LocalServer;

/**
 * Casegate as external file storage: copies a file under {@code casegate.data.dir/external-files}
 * and serves it at {@code {casegate.public-url}/files/{token}} until it expires. The token is an
 * HMAC of the attachment's id under a key generated once per installation, so it cannot be guessed
 * and publishing the same attachment twice gives the same URL.
 */
@ApplicationScoped
class LocalExternalFileStore implements ExternalFileStore {

    public static final String PATH = "/files/";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** A published file that has not expired. */
    public record PublishedFile(Path path, String fileName, String mediaType, long size) {}

    @Inject
    @ConfigProperty(name = "casegate.data.dir")
    Optional<String> dataDir;

    @Inject
    @ConfigProperty(name = "casegate.public-url")
    Optional<String> publicUrl;

    @Inject
    LocalServer localServer;

    @Inject
    Clock clock;

    @Override
    public URI publish(AttachedFile attachment, Duration lifetime) {
        String token = token(attachment);
        try {
            Path directory = Files.createDirectories(directory());
            Path data = directory.resolve(token);
            Path meta = directory.resolve(token + ".properties");
            Instant expires = clock.instant().plus(lifetime);
            if (!Files.exists(data) || Files.size(data) != attachment.size()) {
                Path partial = Files.createTempFile(directory, token, ".part");
                try (InputStream content = attachment.content().open()) {
                    Files.copy(content, partial, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(partial, data, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
            Properties description = new Properties();
            description.setProperty("fileName", attachment.fileName());
            description.setProperty(
                    "mediaType", attachment.mediaType() == null ? "application/octet-stream" : attachment.mediaType());
            description.setProperty("size", String.valueOf(attachment.size()));
            description.setProperty("expires", expires.toString());
            try (OutputStream out = Files.newOutputStream(meta)) {
                description.store(new OutputStreamWriter(out, StandardCharsets.UTF_8), null);
            }
            removeExpired(directory);
            return URI.create(base() + PATH + token);
        } catch (IOException failure) {
            throw new UncheckedIOException(
                    "Casegate could not store " + attachment.fileName() + " for download", failure);
        }
    }

    /** The file behind a token, while it has not expired. */
    public Optional<PublishedFile> find(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        Path data = directory().resolve(token);
        Path meta = directory().resolve(token + ".properties");
        try {
            if (!Files.isRegularFile(data) || !Files.isRegularFile(meta)) {
                return Optional.empty();
            }
            Properties description = read(meta);
            if (!clock.instant().isBefore(Instant.parse(description.getProperty("expires")))) {
                Files.deleteIfExists(data);
                Files.deleteIfExists(meta);
                return Optional.empty();
            }
            return Optional.of(new PublishedFile(
                    data, description.getProperty("fileName"), description.getProperty("mediaType"), Files.size(data)));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    @Override
    public void withdraw(UUID attachmentId) {
        String token = token(attachmentId);
        try {
            Files.deleteIfExists(directory().resolve(token));
            Files.deleteIfExists(directory().resolve(token + ".properties"));
        } catch (IOException failure) {
            throw new UncheckedIOException("Casegate could not remove a published file", failure);
        }
    }

    @Override
    public int removeExpired() {
        Path directory = directory();
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try {
            return removeExpired(directory);
        } catch (IOException failure) {
            throw new UncheckedIOException("Casegate could not sweep " + directory, failure);
        }
    }

    private int removeExpired(Path directory) throws IOException {
        Instant now = clock.instant();
        int removed = 0;
        try (DirectoryStream<Path> metas = Files.newDirectoryStream(directory, "*.properties")) {
            for (Path meta : metas) {
                try {
                    if (!now.isBefore(Instant.parse(read(meta).getProperty("expires")))) {
                        String token = meta.getFileName().toString().replace(".properties", "");
                        Files.deleteIfExists(directory.resolve(token));
                        Files.deleteIfExists(meta);
                        removed++;
                    }
                } catch (IOException | RuntimeException unreadable) {
                    // Another node or a half-written file: left for the next sweep.
                }
            }
        }
        return removed;
    }

    private static Properties read(Path meta) throws IOException {
        Properties description = new Properties();
        try (var reader = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            description.load(reader);
        }
        return description;
    }

    private String base() {
        return publicUrl
                .map(url -> url.strip().replaceAll("/+$", ""))
                .filter(url -> !url.isEmpty())
                .orElseGet(() -> localServer.baseUrl().toString());
    }

    Path dataDirectory() {
        return Path.of(dataDir.map(String::strip)
                .filter(dir -> !dir.isEmpty())
                .orElse(System.getProperty("user.home") + "/.casegate"));
    }

    private Path directory() {
        return dataDirectory().resolve("external-files");
    }

    String token(AttachedFile attachment) {
        return token(attachment.id());
    }

    String token(UUID attachmentId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            byte[] digest = mac.doFinal(attachmentId.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", impossible);
        }
    }

    private byte[] key() {
        Path keyFile = dataDirectory().resolve("external-files.key");
        try {
            if (!Files.exists(keyFile)) {
                Files.createDirectories(keyFile.getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Files.write(Files.createFile(keyFile), key);
                } catch (FileAlreadyExistsException raced) {
                    // another thread created it first: use theirs
                }
            }
            byte[] key = Files.readAllBytes(keyFile);
            if (key.length < 32) {
                throw new IOException(keyFile + " is incomplete");
            }
            return key;
        } catch (IOException failure) {
            throw new UncheckedIOException("Casegate could not read or create its file key " + keyFile, failure);
        }
    }
}
