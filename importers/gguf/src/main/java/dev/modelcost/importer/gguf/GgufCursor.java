package dev.modelcost.importer.gguf;

import dev.modelcost.core.io.ModelSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Sequential little-endian reads over a {@link ModelSource} through one window of {@value #WINDOW_BYTES} bytes, so
 * that a vocabulary of megabytes is walked in bounded chunks. Every read is checked against the end of the source
 * first; a string longer than the caller's bound is skipped (its length checked), never allocated, and the text kept
 * from one file is bounded in total.
 */
final class GgufCursor {
    static final int WINDOW_BYTES = 64 * 1024;
    /** Text kept from one file (keys, tensor names, string values cut to their bound): real files keep kilobytes. */
    static final long MAX_KEPT_TEXT_BYTES = 16L << 20;

    private final ModelSource source;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long windowStart;
    private long position;
    private long keptTextBytes;

    GgufCursor(ModelSource source) {
        this.source = source;
        window.limit(0);
    }

    long position() {
        return position;
    }

    ModelSource source() {
        return source;
    }

    private ByteBuffer need(int bytes) throws IOException {
        if (bytes > source.sizeBytes() - position) {
            throw Problems.malformed(
                    source,
                    "byte " + position,
                    "a value of " + bytes + " bytes passes the end of " + "the file (" + source.sizeBytes()
                            + " bytes)");
        }
        long inWindow = position - windowStart;
        if (inWindow < 0 || inWindow + bytes > window.limit()) {
            window.clear();
            window.limit((int) Math.min(WINDOW_BYTES, source.sizeBytes() - position));
            source.readFully(position, window);
            window.flip();
            windowStart = position;
            inWindow = 0;
        }
        window.position((int) inWindow);
        position += bytes;
        return window;
    }

    int u8() throws IOException {
        return need(1).get() & 0xff;
    }

    int u16() throws IOException {
        return need(2).getShort() & 0xffff;
    }

    long u32() throws IOException {
        return need(4).getInt() & 0xffffffffL;
    }

    int i32() throws IOException {
        return need(4).getInt();
    }

    long u64() throws IOException {
        return need(8).getLong();
    }

    float f32() throws IOException {
        return need(4).getFloat();
    }

    double f64() throws IOException {
        return need(8).getDouble();
    }

    /** Skips {@code bytes}, refusing a skip past the end of the file. */
    void skip(long bytes) throws IOException {
        if (bytes < 0 || bytes > source.sizeBytes() - position) {
            throw Problems.malformed(
                    source,
                    "byte " + position,
                    "a value of " + bytes + " bytes passes the end of " + "the file (" + source.sizeBytes()
                            + " bytes)");
        }
        position += bytes;
    }

    /**
     * A string of {@code length} bytes: its text when at most {@code keepBytes} long, else the first
     * {@code keepBytes} bytes' text followed by "…" (the rest skipped). UTF-8, damaged sequences replaced.
     */
    String string(long length, int keepBytes) throws IOException {
        if (length < 0 || length > source.sizeBytes() - position) {
            throw Problems.malformed(
                    source,
                    "byte " + position,
                    "a string of " + Long.toUnsignedString(length) + " bytes passes the end of the file ("
                            + source.sizeBytes() + " bytes)");
        }
        int kept = (int) Math.min(length, keepBytes);
        keptTextBytes += kept;
        if (keptTextBytes > MAX_KEPT_TEXT_BYTES) {
            throw Problems.malformed(
                    source, "byte " + position, "names and strings to keep pass " + MAX_KEPT_TEXT_BYTES + " bytes");
        }
        byte[] text = new byte[kept];
        int at = 0;
        while (at < kept) {
            int n = Math.min(kept - at, WINDOW_BYTES);
            need(n).get(text, at, n);
            at += n;
        }
        skip(length - kept);
        String s = new String(text, StandardCharsets.UTF_8);
        return kept < length ? s + "…" : s;
    }
}
