package dev.modelcost.importer.keras;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.io.SourceBounds;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A read-only window [offset, offset + length) of a model's {@link ModelSource}, seen as a whole file: how jhdf,
 * which reads a FileChannel, is handed an HDF5 file (or the one stored inside a {@code .keras} zip) in place, of
 * any size, without extracting or copying it. Closing the slice leaves the source open.
 */
final class SliceChannel extends FileChannel {
    private final ModelSource base;
    private final long offset;
    private final long length;
    private long position;

    SliceChannel(ModelSource base, long offset, long length) {
        this(base, offset, length, false);
    }

    /** The whole source, read leniently (a read past the end returns what there is). */
    static SliceChannel of(ModelSource base) {
        return new SliceChannel(base, 0, base.sizeBytes(), false);
    }

    /**
     * With {@code strict}, a positional read that asks for bytes past the end of the window fails at once.
     * jhdf reads a block by repeating positional reads until its buffer is full, without advancing: a
     * hostile block length would have it copy the short tail of the file again and again until hundreds of
     * megabytes were filled. Readers of a well-formed file never ask for bytes past its end.
     */
    static SliceChannel strict(ModelSource base, long offset, long length) {
        return new SliceChannel(base, offset, length, true);
    }

    private final boolean strict;

    private SliceChannel(ModelSource base, long offset, long length, boolean strict) {
        SourceBounds.check(base, offset, length);
        this.base = base;
        this.offset = offset;
        this.length = length;
        this.strict = strict;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int off, int len) throws IOException {
        long total = 0;
        for (int i = off; i < off + len; i++) {
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
            if (dsts[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public int read(ByteBuffer dst, long pos) throws IOException {
        if (pos < 0) {
            throw new IllegalArgumentException("negative position");
        }
        if (pos >= length) {
            return -1;
        }
        long room = length - pos;
        if (strict && dst.remaining() > room) {
            throw new EOFException("a read of " + dst.remaining() + " bytes at " + pos
                    + " passes the end of the HDF5 data (" + length + " bytes)");
        }
        int n = (int) Math.min(dst.remaining(), room);
        ByteBuffer limited = dst.duplicate();
        limited.limit(limited.position() + n);
        base.readFully(offset + pos, limited);
        dst.position(dst.position() + n);
        return n;
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long pos, long size) throws IOException {
        // Only payload reads map, and the importer reads no payload; a source need not be a local file.
        throw new IOException("mapping is not supported on a model source");
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public FileChannel position(long newPosition) {
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int off, int len) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer src, long pos) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {}

    @Override
    public long transferTo(long pos, long count, WritableByteChannel target) throws IOException {
        throw new IOException("not supported on an archive entry");
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long pos, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileLock lock(long pos, long size, boolean shared) throws IOException {
        throw new IOException("locking is not supported on an archive entry");
    }

    @Override
    public FileLock tryLock(long pos, long size, boolean shared) throws IOException {
        throw new IOException("locking is not supported on an archive entry");
    }

    @Override
    protected void implCloseChannel() {}
}
