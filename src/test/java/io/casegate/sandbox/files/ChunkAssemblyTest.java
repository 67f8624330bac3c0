package io.casegate.sandbox.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ChunkAssemblyTest {

    private static final byte[] CONTENT = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);

    private static byte[] part(int from, int to) {
        return Arrays.copyOfRange(CONTENT, from, to);
    }

    @Test
    void rfcRangesInAnyOrder() {
        ChunkAssembly assembly = new ChunkAssembly(CONTENT.length);
        assertTrue(assembly.accept(14, part(14, 20)));
        assertTrue(assembly.accept(0, part(0, 7)));
        assertTrue(assembly.completed().isEmpty());
        assertTrue(assembly.accept(7, part(7, 14)));
        assertArrayEquals(CONTENT, assembly.completed().orElseThrow());
    }

    @Test
    void oneBasedRanges() {
        ChunkAssembly assembly = new ChunkAssembly(CONTENT.length);
        assertTrue(assembly.accept(1, part(0, 8)));
        assertTrue(assembly.accept(9, part(8, 16)));
        assertTrue(assembly.accept(17, part(16, 20)));
        assertArrayEquals(CONTENT, assembly.completed().orElseThrow());
    }

    @Test
    void aChunkBeyondTheEndIsRefused() {
        ChunkAssembly assembly = new ChunkAssembly(CONTENT.length);
        assertFalse(assembly.accept(15, part(0, 8)));
        assertFalse(assembly.accept(-1, part(0, 1)));
    }
}
