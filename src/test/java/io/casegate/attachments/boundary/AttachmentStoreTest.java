package io.casegate.attachments.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachmentStoreTest {

    @TempDir
    Path directory;

    @Test
    void storesStreamsAndReadsThemBack() throws IOException {
        AttachmentStore cut = new AttachmentStore(directory.toString());
        var stored = cut.store(new ByteArrayInputStream("hello".getBytes()), 100);
        assertEquals(5, stored.size());
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", stored.sha256());
        try (InputStream in = cut.open(stored.storageKey())) {
            assertArrayEquals("hello".getBytes(), in.readAllBytes());
        }
        cut.delete(stored.storageKey());
        assertFalse(cut.exists(stored.storageKey()));
    }

    @Test
    void aStagedFileIsMovedNotCopied() throws IOException {
        AttachmentStore cut = new AttachmentStore(directory.toString());
        var staged = cut.store(new ByteArrayInputStream("hello".getBytes()), 100);
        var stored = cut.store(
                new io.casegate.attachments.entity.IncomingFile("a.txt", 5, new AttachmentStore.Staged(cut, staged)));
        assertEquals(5, stored.size());
        assertEquals(staged.sha256(), stored.sha256());
        assertFalse(stored.storageKey().equals(staged.storageKey()));
        assertFalse(cut.exists(staged.storageKey()));
        try (InputStream in = cut.open(stored.storageKey())) {
            assertArrayEquals("hello".getBytes(), in.readAllBytes());
        }
        // The REST intake deletes whatever it staged afterwards: a moved file is not affected.
        cut.delete(staged.storageKey());
        assertTrue(cut.exists(stored.storageKey()));
    }

    @Test
    void aTooLargeStreamLeavesNothingBehind() throws IOException {
        AttachmentStore cut = new AttachmentStore(directory.toString());
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        assertThrows(AttachmentStore.TooLargeException.class, () -> cut.store(endless, 1_000_000));
        try (Stream<Path> files = Files.walk(directory)) {
            assertTrue(files.noneMatch(Files::isRegularFile));
        }
    }

    @Test
    void keysCannotEscapeTheStore() {
        AttachmentStore cut = new AttachmentStore(directory.toString());
        assertThrows(IllegalArgumentException.class, () -> cut.open("../../etc/passwd"));
    }

    @Test
    void listsOnlyFilesWrittenBeforeTheCutoff() throws IOException {
        AttachmentStore cut = new AttachmentStore(directory.toString());
        var old = cut.store(new ByteArrayInputStream("old".getBytes()), 100);
        var recent = cut.store(new ByteArrayInputStream("recent".getBytes()), 100);
        Files.setLastModifiedTime(
                cut.pathOf(old.storageKey()), FileTime.from(Instant.now().minus(Duration.ofDays(2))));

        assertEquals(
                List.of(old.storageKey()), cut.keysWrittenBefore(Instant.now().minus(Duration.ofDays(1)), 10));
        assertTrue(cut.exists(recent.storageKey()));
    }
}
