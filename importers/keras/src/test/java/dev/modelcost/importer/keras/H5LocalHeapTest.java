package dev.modelcost.importer.keras;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Local heaps: "HEAP", version (1), reserved (3), data segment size, offset of the head of the free list
 * (lengths), data segment address; each free block starts with the offset of the next free block and its size.
 */
class H5LocalHeapTest {

    private static H5TestBytes heap(int fileBytes, long dataBytes, long freeHead, long dataAddress) {
        H5TestBytes b = new H5TestBytes(fileBytes);
        b.at(0)
                .ascii("HEAP")
                .u8(0)
                .u8(0)
                .u8(0)
                .u8(0)
                .u64(dataBytes)
                .u64(freeHead)
                .u64(dataAddress);
        return b;
    }

    @Test
    void headerDataSegmentAndFreeBlocksAreFound() throws Exception {
        H5TestBytes b = heap(160, 88, 48, 32);
        b.at(32).u64(0).ascii("dense\0\0\0").ascii("dropout\0"); // names at 0..24 of the segment
        b.at(32 + 48).u64(1).u64(40); // one free block: 48 (+40), end of list

        H5LocalHeap h = H5LocalHeap.read(b.reader(), 0);

        assertEquals(8 + 2 * 8 + 8, h.headerBytes(), "signature, version, reserved, two lengths, one address");
        assertEquals(32, h.dataAddress());
        assertEquals(88, h.dataBytes());
        assertEquals(Map.of(48L, 40L), h.freeBlocks());
    }

    @Test
    void freeBlocksAreFollowedAlongTheListAndKeptInOffsetOrder() throws Exception {
        H5TestBytes b = heap(160, 96, 64, 32);
        b.at(32 + 64).u64(16).u64(32); // 64 (+32) → 16
        b.at(32 + 16).u64(H5TestBytes.UNDEF).u64(16); // 16 (+16), the undefined address ends the list too

        H5LocalHeap h = H5LocalHeap.read(b.reader(), 0);

        assertEquals("{16=16, 64=32}", h.freeBlocks().toString());
    }

    @Test
    void anEmptyFreeListHasNoBlocks() throws Exception {
        H5LocalHeap h = H5LocalHeap.read(heap(128, 64, 1, 32).reader(), 0);
        assertEquals(Map.of(), h.freeBlocks());
    }

    @Test
    void aFreeListThatLoopsIsMalformed() {
        H5TestBytes b = heap(160, 88, 48, 32);
        b.at(32 + 48).u64(48).u64(16);
        assertThrows(H5FormatException.class, () -> H5LocalHeap.read(b.reader(), 0));
    }

    @Test
    void aFreeBlockLargerThanItsSegmentIsMalformed() {
        H5TestBytes b = heap(160, 88, 48, 32);
        b.at(32 + 48).u64(1).u64(41); // 48 + 41 > 88
        assertThrows(H5FormatException.class, () -> H5LocalHeap.read(b.reader(), 0));
    }

    @Test
    void aFreeListHeadOutsideTheSegmentIsMalformed() {
        assertThrows(
                H5FormatException.class,
                () -> H5LocalHeap.read(heap(160, 88, 80, 32).reader(), 0));
    }

    @Test
    void aDataSegmentPastTheEndOfTheFileIsMalformed() {
        assertThrows(
                H5FormatException.class,
                () -> H5LocalHeap.read(heap(160, 1L << 40, 1, 32).reader(), 0));
    }

    @Test
    void aWrongSignatureIsMalformed() {
        H5TestBytes b = new H5TestBytes(64);
        b.at(0).ascii("GCOL");
        assertThrows(H5FormatException.class, () -> H5LocalHeap.read(b.reader(), 0));
    }
}
