package io.casegate.attachments.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.casegate.attachments.entity.AttachedFile;

class LocalExternalFileStoreTest {

    @TempDir
    Path dataDir;

    Instant now = Instant.parse("2026-05-01T10:00:00Z");
    final LocalExternalFileStore cut = new LocalExternalFileStore();

    LocalExternalFileStoreTest() {
        cut.publicUrl = Optional.of("https://support.example.com/casegate/");
    }

    private void at(Instant instant) {
        now = instant;
        cut.clock = Clock.fixed(now, ZoneOffset.UTC);
        cut.dataDir = Optional.of(dataDir.toString());
    }

    private static AttachedFile attachment(String name, byte[] bytes) {
        return new AttachedFile(
                UUID.randomUUID(), name, "video/mp4", bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    @Test
    void servesTheFileAtAnUnguessableStableUrlUntilItExpires() throws Exception {
        at(now);
        byte[] bytes = "the recording".getBytes(StandardCharsets.UTF_8);
        AttachedFile recording = attachment("запись.mp4", bytes);

        URI url = cut.publish(recording, Duration.ofDays(30));
        String token = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
        assertTrue(url.toString().startsWith("https://support.example.com/casegate/files/"), url.toString());
        assertEquals(43, token.length(), "256 bits");
        assertEquals(url, cut.publish(recording, Duration.ofDays(30)), "publishing again gives the same URL");
        assertNotEquals(url, cut.publish(attachment("other.mp4", bytes), Duration.ofDays(30)));

        LocalExternalFileStore.PublishedFile file = cut.find(token).orElseThrow();
        assertEquals("запись.mp4", file.fileName());
        assertEquals("video/mp4", file.mediaType());
        assertArrayEquals(bytes, Files.readAllBytes(file.path()));
        assertTrue(cut.find("A".repeat(43)).isEmpty());
        assertTrue(cut.find("../external-files.key").isEmpty());

        at(now.plus(Duration.ofDays(30)));
        assertTrue(cut.find(token).isEmpty());
        assertFalse(Files.exists(file.path()), "expired files are deleted");
    }
}
