package dev.modelcost.importer.tflite;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.spi.MalformedModelException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Little-endian scalars read at absolute positions of a {@link ModelSource}, through a few cached pages, so that
 * a flatbuffer's scattered tables cost a handful of reads and weight payloads between them are never read.
 * Remembers the furthest byte it was asked for: where the flatbuffer's structures end.
 */
final class PagedReader {
    private static final int PAGE_BYTES = 4 * 1024;
    private static final int PAGES_KEPT = 256;

    private final ModelSource source;
    private final long limitBytes;
    private final Map<Long, byte[]> pages = new LinkedHashMap<>(PAGES_KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > PAGES_KEPT;
        }
    };
    private long furthestBytes;

    /** Reads inside the first {@code limitBytes} bytes of {@code source} (a flatbuffer addresses at most 2^32). */
    PagedReader(ModelSource source, long limitBytes) {
        this.source = source;
        this.limitBytes = Math.min(limitBytes, source.sizeBytes());
    }

    long limitBytes() {
        return limitBytes;
    }

    /** One past the last byte read or claimed with {@link #claim}. */
    long furthestBytes() {
        return furthestBytes;
    }

    /** Checks that {@code lengthBytes} from {@code position} lie in the readable range, and notes them as used. */
    void claim(long position, long lengthBytes, String what) {
        if (position < 0 || lengthBytes < 0 || position > limitBytes || lengthBytes > limitBytes - position) {
            throw new MalformedModelException(
                    (String) null,
                    "byte " + position,
                    what + " of " + lengthBytes + " bytes at byte " + position + " passes the end of the file ("
                            + limitBytes + " bytes)");
        }
        furthestBytes = Math.max(furthestBytes, position + lengthBytes);
    }

    int u8(long position) {
        return (int) get(position, 1, "a byte") & 0xff;
    }

    int u16(long position) {
        return (int) (get(position, 2, "a 16-bit value") & 0xffff);
    }

    int i32(long position) {
        return (int) get(position, 4, "a 32-bit value");
    }

    long u32(long position) {
        return get(position, 4, "a 32-bit value") & 0xffffffffL;
    }

    long i64(long position) {
        return get(position, 8, "a 64-bit value");
    }

    float f32(long position) {
        return Float.intBitsToFloat(i32(position));
    }

    private long get(long position, int width, String what) {
        claim(position, width, what);
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = v << 8 | (byteAt(position + i) & 0xff);
        }
        return v;
    }

    private byte byteAt(long position) {
        long page = position / PAGE_BYTES;
        byte[] bytes = pages.get(page);
        if (bytes == null) {
            long start = page * PAGE_BYTES;
            bytes = new byte[(int) Math.min(PAGE_BYTES, limitBytes - start)];
            try {
                source.readFully(start, ByteBuffer.wrap(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pages.put(page, bytes);
        }
        return bytes[(int) (position - page * PAGE_BYTES)];
    }
}
