package dev.modelcost.importer.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;

/** A read-only FileChannel that records every byte range read or mapped, for the "no weight data read" tests. */
final class RecordingChannel extends FileChannel {
    static final class Log {
        final List<long[]> ranges = new ArrayList<>();

        synchronized void add(long from, long length) { ranges.add(new long[] {from, from + length}); }

        synchronized boolean overlaps(long from, long to) {
            return ranges.stream().anyMatch(r -> r[0] < to && from < r[1]);
        }

        @Override
        public synchronized String toString() {
            StringBuilder sb = new StringBuilder();
            ranges.forEach(r -> sb.append('[').append(r[0]).append(',').append(r[1]).append(") "));
            return sb.toString();
        }
    }

    private final FileChannel in;
    private final Log log;

    RecordingChannel(FileChannel in, Log log) {
        this.in = in;
        this.log = log;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        long p = in.position();
        int n = in.read(dst);
        if (n > 0) {
            log.add(p, n);
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public int write(ByteBuffer src) { throw new UnsupportedOperationException(); }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) { throw new UnsupportedOperationException(); }

    @Override
    public long position() throws IOException { return in.position(); }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        in.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException { return in.size(); }

    @Override
    public FileChannel truncate(long size) { throw new UnsupportedOperationException(); }

    @Override
    public void force(boolean metaData) { }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) { throw new UnsupportedOperationException(); }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) { throw new UnsupportedOperationException(); }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        int n = in.read(dst, position);
        if (n > 0) {
            log.add(position, n);
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src, long position) { throw new UnsupportedOperationException(); }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        log.add(position, size);
        return in.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) { throw new UnsupportedOperationException(); }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) { throw new UnsupportedOperationException(); }

    @Override
    protected void implCloseChannel() throws IOException { in.close(); }
}
