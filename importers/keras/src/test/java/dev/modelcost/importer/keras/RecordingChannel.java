package dev.modelcost.importer.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/** A read-only FileChannel that records every byte range read or mapped, for the "no weight data read" tests. */
final class RecordingChannel extends FileChannel {
    static final class Log {
        private final java.util.TreeMap<Long, Long> ranges = new java.util.TreeMap<>(); // start -> end, merged
        private long totalBytes;

        /** Every byte read, counting a range read again each time. */
        synchronized long totalBytes() { return totalBytes; }

        synchronized void add(long from, long length) {
            totalBytes += length;
            long to = from + length;
            var lower = ranges.floorEntry(from);
            if (lower != null && lower.getValue() >= from) {
                from = lower.getKey();
                to = Math.max(to, lower.getValue());
            }
            var it = ranges.subMap(from, true, to, true).entrySet().iterator();
            while (it.hasNext()) {
                to = Math.max(to, it.next().getValue());
                it.remove();
            }
            ranges.put(from, to);
        }

        synchronized boolean overlaps(long from, long to) {
            var lower = ranges.lowerEntry(to);
            return lower != null && lower.getValue() > from;
        }

        @Override
        public synchronized String toString() {
            StringBuilder sb = new StringBuilder();
            ranges.forEach((a, b) -> sb.append('[').append(a).append(',').append(b).append(") "));
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
