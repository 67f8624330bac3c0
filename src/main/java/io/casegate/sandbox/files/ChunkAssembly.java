package io.casegate.sandbox.files;

import java.util.BitSet;
import java.util.Optional;

/**
 * A file arriving in chunks, reassembled by offset. Not thread-safe: callers synchronize on it.
 */
final class ChunkAssembly {

    private final byte[] content;
    private final BitSet received;
    private long contiguousEnd;

    ChunkAssembly(int total) {
        content = new byte[total];
        received = new BitSet(total);
    }

    int total() {
        return content.length;
    }

    long received() {
        return received.cardinality();
    }

    /**
     * Places a chunk whose Content-Range starts at {@code declaredStart}. Clients that count from one,
     * or that start the next chunk after an exclusive end, announce a start one byte past the
     * contiguous prefix received so far; no real upload leaves a one-byte gap, so such a chunk is
     * placed right after the prefix.
     */
    boolean accept(long declaredStart, byte[] chunk) {
        long offset = declaredStart == contiguousEnd + 1 ? contiguousEnd : declaredStart;
        if (offset < 0 || offset + chunk.length > content.length) {
            return false;
        }
        System.arraycopy(chunk, 0, content, (int) offset, chunk.length);
        received.set((int) offset, (int) offset + chunk.length);
        contiguousEnd = received.nextClearBit(0);
        return true;
    }

    Optional<byte[]> completed() {
        return received.cardinality() == content.length ? Optional.of(content) : Optional.empty();
    }
}
