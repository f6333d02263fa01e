package dev.modelcost.importer.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * HDF5 bytes written field by field in the tests, little-endian as the specification stores them, and read
 * back through an in-memory channel: each structure test builds exactly the bytes it parses.
 */
final class H5TestBytes {
    static final long UNDEF = -1L;

    private final ByteBuffer b;

    H5TestBytes(int size) {
        b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    H5TestBytes at(int position) {
        b.position(position);
        return this;
    }

    H5TestBytes u8(int v) {
        b.put((byte) v);
        return this;
    }

    H5TestBytes u16(int v) {
        b.putShort((short) v);
        return this;
    }

    H5TestBytes u32(long v) {
        b.putInt((int) v);
        return this;
    }

    H5TestBytes u64(long v) {
        b.putLong(v);
        return this;
    }

    H5TestBytes ascii(String s) {
        b.put(s.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** The 8-byte HDF5 format signature. */
    H5TestBytes signature() {
        return u8(0x89).ascii("HDF\r\n").u8(0x1a).u8('\n');
    }

    /** A version 1 object header message header: type, body size, flags, 3 reserved bytes. */
    H5TestBytes message(int type, int bodyBytes) {
        return u16(type).u16(bodyBytes).u8(0).u8(0).u8(0).u8(0);
    }

    int position() {
        return b.position();
    }

    byte[] bytes() {
        return b.array().clone();
    }

    /** A reader with 8-byte offsets and lengths, base address 0, over all the bytes. */
    H5Reader reader() {
        return raw().with(0, 8, 8);
    }

    /** A reader that does not know the superblock yet. */
    H5Reader raw() {
        return new H5Reader(channel(), 0, b.capacity(), 1 << 20);
    }

    /** The bytes from {@code from} for {@code n}, little-endian, position 0 (a message body). */
    ByteBuffer slice(int from, int n) {
        return ByteBuffer.wrap(b.array(), from, n).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    SeekableByteChannel channel() {
        return new MemoryChannel(b.array().clone());
    }

    /** A read-only channel over a byte array. */
    static final class MemoryChannel implements SeekableByteChannel {
        private final byte[] data;
        private long position;

        MemoryChannel(byte[] data) {
            this.data = data;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= data.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), data.length - position);
            dst.put(data, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return data.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }
}
