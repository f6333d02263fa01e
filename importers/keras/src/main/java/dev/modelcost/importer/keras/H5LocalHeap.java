package dev.modelcost.importer.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A local heap ("HEAP"): header (signature, version, 3 reserved bytes, data segment size, offset of the
 * first free block, data segment address) and its data segment, which holds a group's link names and a
 * free list (each free block starts with the offset of the next and its own size).
 *
 * @param headerBytes   the header's size
 * @param dataAddress   the data segment's HDF5 address
 * @param dataBytes     the data segment's size
 * @param freeBlocks    offset within the data segment → size of each free block, in offset order
 */
record H5LocalHeap(long headerBytes, long dataAddress, long dataBytes, NavigableMap<Long, Long> freeBlocks) {

    /** Free-list links followed at most (a segment of 64 KiB holds at most 4 096 blocks of 16 bytes). */
    static final int MAX_FREE_BLOCKS = 100_000;

    static H5LocalHeap read(H5Reader r, long address) throws IOException {
        int header = 8 + 2 * r.sizeOfLengths() + r.sizeOfOffsets();
        ByteBuffer b = r.readAt(address, header);
        H5Reader.expect(b, "HEAP", address);
        b.position(8);
        long dataSize = r.length(b);
        long free = r.length(b);
        long data = r.offset(b);
        r.checkAt(data, dataSize);
        TreeMap<Long, Long> freeBlocks = new TreeMap<>();
        long link = 2L * r.sizeOfLengths();
        // the library ends the free list with offset 1 (no block can start there: blocks are 8-aligned); UNDEF too
        while (free != H5Reader.UNDEF && free != 1) {
            if (freeBlocks.size() >= MAX_FREE_BLOCKS
                    || free < 0
                    || free + link > dataSize
                    || freeBlocks.containsKey(free)) {
                throw new H5FormatException("local heap at " + address + ": bad free list");
            }
            ByteBuffer f = r.read(r.abs(data) - r.start() + free, link);
            long next = r.length(f);
            long size = r.length(f);
            if (size < 0 || size > dataSize - free) {
                throw new H5FormatException("local heap at " + address + ": free block past its data segment");
            }
            freeBlocks.put(free, size);
            free = next;
        }
        return new H5LocalHeap(header, data, dataSize, Collections.unmodifiableNavigableMap(freeBlocks));
    }
}
