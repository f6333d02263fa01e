package dev.modelcost.importer.keras;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The HDF5 superblock, versions 0 and 1 (what h5py writes by default): where it sits (0, 512, 1024, …;
 * the bytes before it are the user block), the sizes of offsets and lengths, the group and chunk B-tree
 * K values, the base address, the driver information block and the root group's object header.
 *
 * @param position   where the signature sits, relative to the start of the file (the user block's size)
 * @param bytes      the superblock with its root symbol table entry
 * @param driverBytes the driver information block's size, 0 when there is none
 */
record H5Superblock(
        long position,
        int version,
        int sizeOfOffsets,
        int sizeOfLengths,
        int groupLeafK,
        int groupInternalK,
        int chunkK,
        long baseAddress,
        long bytes,
        long driverAddress,
        long driverBytes,
        long rootObjectHeader) {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    /** Chunk B-tree K of a version 0 superblock, which does not store it. */
    static final int DEFAULT_CHUNK_K = 32;

    /** Reads the superblock through {@code raw}, a reader that does not know the field sizes yet. */
    static H5Superblock read(H5Reader raw) throws IOException, H5UnsupportedException {
        long sb = find(raw);
        ByteBuffer h = raw.read(sb, 24);
        int version = h.get(8) & 0xff;
        if (version > 1) {
            throw new H5UnsupportedException("superblock version " + version + " (only 0 and 1 are walked)");
        }
        int sizeOfOffsets = h.get(13) & 0xff;
        int sizeOfLengths = h.get(14) & 0xff;
        if (sizeOfOffsets != 8 && sizeOfOffsets != 4 || sizeOfLengths != 8 && sizeOfLengths != 4) {
            throw new H5UnsupportedException("sizes of offsets/lengths " + sizeOfOffsets + "/" + sizeOfLengths);
        }
        int groupLeafK = h.getShort(16) & 0xffff;
        int groupInternalK = h.getShort(18) & 0xffff;
        if (groupLeafK == 0 || groupInternalK == 0) {
            throw new H5FormatException("superblock: group K of 0");
        }
        int fixed = 24;
        int chunkK = DEFAULT_CHUNK_K;
        if (version == 1) {
            chunkK = raw.read(sb + 24, 4).getShort(0) & 0xffff;
            fixed = 28;
        }
        int entry = 2 * sizeOfOffsets + 24;
        int total = fixed + 4 * sizeOfOffsets + entry;
        H5Reader sized = raw.with(0, sizeOfOffsets, sizeOfLengths);
        ByteBuffer s = raw.read(sb, total).position(fixed);
        long base = sized.offset(s);
        sized.offset(s); // free-space info address (reserved in these versions)
        sized.offset(s); // end-of-file address: the file's length is what is partitioned
        long driver = sized.offset(s);
        long driverBytes = 0;
        H5Reader based = raw.with(base, sizeOfOffsets, sizeOfLengths);
        if (driver != H5Reader.UNDEF) {
            // version, reserved, information size (4 bytes), driver identification (8 bytes), information
            driverBytes = 16 + (based.readAt(driver, 8).getInt(4) & 0xffffffffL);
            based.checkAt(driver, driverBytes);
        }
        sized.offset(s); // root entry: link name offset
        long root = sized.offset(s);
        return new H5Superblock(
                sb,
                version,
                sizeOfOffsets,
                sizeOfLengths,
                groupLeafK,
                groupInternalK,
                chunkK,
                base,
                total,
                driver,
                driverBytes,
                root);
    }

    /** The signature at 0, 512, 1024, 2048, … within the file. */
    private static long find(H5Reader raw) throws IOException {
        for (long at = 0; at + 8 <= raw.length(); at = at == 0 ? 512 : at * 2) {
            ByteBuffer b = raw.read(at, 8);
            boolean ok = true;
            for (int i = 0; i < 8; i++) {
                ok &= b.get(i) == SIGNATURE[i];
            }
            if (ok) {
                return at;
            }
        }
        throw new H5FormatException("no HDF5 superblock signature");
    }

    /** A reader for the rest of the file: this superblock's base address and field sizes. */
    H5Reader reader(H5Reader raw) {
        return raw.with(baseAddress, sizeOfOffsets, sizeOfLengths);
    }
}
