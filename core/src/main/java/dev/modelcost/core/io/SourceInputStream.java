package dev.modelcost.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A sequential stream over a window of a {@link ModelSource}, for parsers that read front to back (protobuf).
 * Skipping moves the position without reading, so skipped payloads cost nothing. Closing it leaves the source open.
 */
public final class SourceInputStream extends InputStream {
    private final ModelSource source;
    private final long endBytes;
    private long position;

    /** The whole source. */
    public SourceInputStream(ModelSource source) {
        this(source, 0, source.sizeBytes());
    }

    /** {@code lengthBytes} bytes from {@code offsetBytes}, which must lie inside the source. */
    public SourceInputStream(ModelSource source, long offsetBytes, long lengthBytes) {
        SourceBounds.check(source, offsetBytes, lengthBytes);
        this.source = source;
        this.position = offsetBytes;
        this.endBytes = offsetBytes + lengthBytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (position >= endBytes) {
            return -1;
        }
        int n = (int) Math.min(len, endBytes - position);
        source.readFully(position, ByteBuffer.wrap(b, off, n));
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, endBytes - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, endBytes - position);
    }
}
