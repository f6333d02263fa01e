package dev.modelcost.importer.pytorch.pickle;

import dev.modelcost.core.io.ModelSource;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A window [start, end) of a source read forward through a small buffer. Every length is checked against what is
 * left of the window before it is read or skipped, so a pickle that declares gigabytes of bytes costs nothing.
 */
public final class PickleInput {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final ModelSource source;
    private final long end;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private long bufferStart;
    private long position;

    public PickleInput(ModelSource source, long start, long end) {
        this.source = source;
        this.end = Math.min(end, source.sizeBytes());
        this.position = start;
        this.bufferStart = start;
        buffer.limit(0);
    }

    public long position() {
        return position;
    }

    public long remaining() {
        return end - position;
    }

    int u8() throws IOException {
        need(1);
        int at = (int) (position - bufferStart);
        if (at >= buffer.limit()) {
            fill();
            at = 0;
        }
        position++;
        return buffer.get(at) & 0xff;
    }

    /** {@code n} bytes, little-endian, as an unsigned value (n ≤ 8). */
    long le(int n) throws IOException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) u8() << (8 * i);
        }
        return v;
    }

    /** {@code n} bytes into memory; the caller bounds n (names, numbers), never a payload. */
    byte[] bytes(int n) throws IOException {
        need(n);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) u8();
        }
        return out;
    }

    /** Skips {@code n} bytes (raw records between pickles), checked against the window. */
    public void skipBytes(long n) throws PickleException {
        skip(n);
    }

    void skip(long n) throws PickleException {
        need(n);
        position += n;
    }

    /** A text line without its newline, at most {@code maxBytes} long. */
    String line(int maxBytes) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = u8(); c != '\n'; c = u8()) {
            if (sb.length() >= maxBytes) {
                throw new PickleException("a text argument longer than " + maxBytes + " bytes at byte " + position);
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    private void need(long n) throws PickleException {
        if (n < 0 || n > end - position) {
            throw new PickleException("the pickle declares " + n + " bytes at byte " + position + " but "
                    + Math.max(0, end - position) + " are left");
        }
    }

    private void fill() throws IOException {
        bufferStart = position;
        buffer.clear();
        buffer.limit((int) Math.min(BUFFER_BYTES, end - position));
        source.readFully(position, buffer);
        buffer.flip();
    }
}
