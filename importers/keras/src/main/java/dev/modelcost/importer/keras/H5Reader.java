package dev.modelcost.importer.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;

/**
 * Bounded reads of one HDF5 file that sits at {@code start} in a channel (a whole file, or a zip entry's
 * data), and decoding of its variable-size fields. Every read is checked against the file's length and a
 * block limit before anything is allocated. Addresses are relative to the superblock's base address;
 * "rel" positions are relative to the start of the HDF5 file.
 */
final class H5Reader {
    /** The undefined address (all bits set), as the specification writes it. */
    static final long UNDEF = -1L;

    private final SeekableByteChannel ch;
    private final long start;
    private final long length;
    private final long maxBlockBytes;
    private final long base;
    private final int sizeOfOffsets;
    private final int sizeOfLengths;

    /** A reader before the superblock is known: base address 0, 8-byte offsets and lengths. */
    H5Reader(SeekableByteChannel ch, long start, long length, long maxBlockBytes) {
        this(ch, start, length, maxBlockBytes, 0, 8, 8);
    }

    private H5Reader(
            SeekableByteChannel ch,
            long start,
            long length,
            long maxBlockBytes,
            long base,
            int sizeOfOffsets,
            int sizeOfLengths) {
        this.ch = ch;
        this.start = start;
        this.length = length;
        this.maxBlockBytes = maxBlockBytes;
        this.base = base;
        this.sizeOfOffsets = sizeOfOffsets;
        this.sizeOfLengths = sizeOfLengths;
    }

    /** The same bytes read with a superblock's base address and field sizes. */
    H5Reader with(long baseAddress, int offsetBytes, int lengthBytes) {
        return new H5Reader(ch, start, length, maxBlockBytes, baseAddress, offsetBytes, lengthBytes);
    }

    long start() {
        return start;
    }

    long length() {
        return length;
    }

    int sizeOfOffsets() {
        return sizeOfOffsets;
    }

    int sizeOfLengths() {
        return sizeOfLengths;
    }

    /** The channel position of an HDF5 address, refused when it lies outside the file. */
    long abs(long address) throws H5FormatException {
        long rel = base + address;
        if (address < 0 || rel < 0 || rel > length) {
            throw new H5FormatException("HDF5 address " + address + " outside the file");
        }
        return start + rel;
    }

    /** Refuses a structure of {@code size} bytes at {@code rel} that does not fit in the file. */
    void check(long rel, long size) throws H5FormatException {
        if (rel < 0 || size < 0 || rel > length || size > length - rel) {
            throw new H5FormatException("HDF5 structure at " + rel + " (+" + size + ") runs past the end of the file");
        }
    }

    /** As {@link #check(long, long)} for a structure named by its HDF5 address. */
    void checkAt(long address, long size) throws H5FormatException {
        check(abs(address) - start, size);
    }

    /** {@code size} bytes at file position {@code rel}, little-endian, position 0. */
    ByteBuffer read(long rel, long size) throws IOException {
        check(rel, size);
        if (size > maxBlockBytes) {
            throw new H5FormatException(
                    "HDF5 metadata block of " + size + " bytes exceeds the limit of " + maxBlockBytes);
        }
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        ch.position(start + rel);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new H5FormatException("HDF5 file ends inside a structure at " + rel);
            }
        }
        return b.flip();
    }

    /** {@code size} bytes at an HDF5 address. */
    ByteBuffer readAt(long address, long size) throws IOException {
        return read(abs(address) - start, size);
    }

    /** An offset (address) field at the buffer's position; {@link #UNDEF} for the undefined address. */
    long offset(ByteBuffer b) {
        return sizeOfOffsets == 8 ? b.getLong() : undef32(b.getInt());
    }

    /** A length field at the buffer's position. */
    long length(ByteBuffer b) {
        return sizeOfLengths == 8 ? b.getLong() : undef32(b.getInt());
    }

    private static long undef32(int v) {
        return v == -1 ? UNDEF : v & 0xffffffffL;
    }

    static ByteBuffer slice(ByteBuffer b, int from, int n) {
        return b.duplicate().position(from).limit(from + n).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    static long align8(long n) {
        return (n + 7) & ~7L;
    }

    /** Refuses a block whose first four bytes are not the structure's signature. */
    static void expect(ByteBuffer b, String signature, long address) throws H5FormatException {
        for (int i = 0; i < 4; i++) {
            if (b.limit() <= i || b.get(i) != signature.charAt(i)) {
                throw new H5FormatException("expected " + signature + " at HDF5 address " + address);
            }
        }
    }
}
