package dev.modelcost.importer.keras;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Global heap collections: "GCOL", version (1), reserved (3), collection size (length); objects of heap
 * object index (2), reference count (2), reserved (4), object size (length), data padded to 8 bytes; the
 * object with index 0 is the free space to the end of the collection.
 */
class H5GlobalHeapTest {

    private static H5TestBytes collection(int fileBytes, long size) {
        H5TestBytes b = new H5TestBytes(fileBytes);
        b.at(0).ascii("GCOL").u8(1).u8(0).u8(0).u8(0).u64(size);
        return b;
    }

    private static void object(H5TestBytes b, int at, int index, long size) {
        b.at(at).u16(index).u16(1).u32(0).u64(size);
    }

    @Test
    void objectsAreFoundUpToTheFreeSpace() throws Exception {
        H5TestBytes b = collection(96, 80);
        object(b, 16, 1, 5); // data 32..37, padded to 40
        b.at(32).ascii("dense");
        object(b, 40, 2, 8); // data 56..64
        object(b, 64, 0, 16); // free space: 64..80

        H5GlobalHeap h = H5GlobalHeap.read(b.reader(), 0);

        assertEquals(16, h.headerBytes());
        assertEquals(80, h.bytes());
        assertEquals(
                List.of(new H5GlobalHeap.HeapObject(1, 16, 16, 5), new H5GlobalHeap.HeapObject(2, 40, 16, 8)),
                h.objects());
        assertEquals(8, h.objects().get(0).paddedBytes());
        assertEquals(64, h.freeAt());
    }

    @Test
    void aCollectionFullOfObjectsEndsAtItsSize() throws Exception {
        H5TestBytes b = collection(48, 40);
        object(b, 16, 1, 7);
        H5GlobalHeap h = H5GlobalHeap.read(b.reader(), 0);
        assertEquals(1, h.objects().size());
        assertEquals(40, h.freeAt());
    }

    @Test
    void anObjectPastItsCollectionIsMalformed() {
        H5TestBytes b = collection(128, 64);
        object(b, 16, 1, 100);
        assertThrows(H5FormatException.class, () -> H5GlobalHeap.read(b.reader(), 0));
    }

    @Test
    void anObjectSizeThatOverflowsWhenPaddedIsMalformed() {
        H5TestBytes b = collection(128, 64);
        object(b, 16, 1, Long.MAX_VALUE - 2);
        assertThrows(H5FormatException.class, () -> H5GlobalHeap.read(b.reader(), 0));
    }

    @Test
    void aCollectionPastTheEndOfTheFileOrShorterThanItsHeaderIsMalformed() {
        assertThrows(
                H5FormatException.class,
                () -> H5GlobalHeap.read(collection(64, 4096).reader(), 0));
        assertThrows(
                H5FormatException.class,
                () -> H5GlobalHeap.read(collection(64, 8).reader(), 0));
    }

    @Test
    void aWrongSignatureIsMalformed() {
        H5TestBytes b = new H5TestBytes(64);
        b.at(0).ascii("HEAP");
        assertThrows(H5FormatException.class, () -> H5GlobalHeap.read(b.reader(), 0));
    }
}
