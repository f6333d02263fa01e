package dev.modelcost.importer.keras;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Data layout message version 3: version (1), layout class (1), then for compact data its size (2) and the
 * data, for contiguous data an address and a size, for chunked data the dimensionality (1), the B-tree
 * address and the chunk's dimension sizes (4 bytes each).
 */
class H5LayoutMessageTest {

    private static H5LayoutMessage parse(H5TestBytes b, int n) throws Exception {
        return H5LayoutMessage.parse(b.reader(), b.slice(0, n), 100);
    }

    @Test
    void compactDataSitsInTheMessage() throws Exception {
        H5TestBytes b = new H5TestBytes(16);
        b.at(0).u8(3).u8(0).u16(10);
        assertEquals(new H5LayoutMessage.Compact(10), parse(b, 16));
    }

    @Test
    void contiguousDataHasAnAddressAndASize() throws Exception {
        H5TestBytes b = new H5TestBytes(24);
        b.at(0).u8(3).u8(1).u64(2048).u64(400);
        assertEquals(new H5LayoutMessage.Contiguous(2048, 400), parse(b, 18));
    }

    @Test
    void contiguousDataNeverWrittenHasTheUndefinedAddress() throws Exception {
        H5TestBytes b = new H5TestBytes(24);
        b.at(0).u8(3).u8(1).u64(H5TestBytes.UNDEF).u64(400);
        assertEquals(new H5LayoutMessage.Contiguous(H5Reader.UNDEF, 400), parse(b, 18));
    }

    @Test
    void chunkedDataNamesItsBTreeAndDimensionality() throws Exception {
        H5TestBytes b = new H5TestBytes(24);
        b.at(0).u8(3).u8(2).u8(3).u64(777).u32(16).u32(16).u32(4); // rank 2 + element size
        assertEquals(new H5LayoutMessage.Chunked(3, 777), parse(b, 23));
    }

    @Test
    void olderVersionsAreUnsupported() {
        H5TestBytes b = new H5TestBytes(24);
        b.at(0).u8(1).u8(1);
        assertThrows(H5UnsupportedException.class, () -> parse(b, 24));
    }

    @Test
    void anUnknownClassIsMalformed() {
        H5TestBytes b = new H5TestBytes(24);
        b.at(0).u8(3).u8(3); // virtual datasets are version 4 only
        assertThrows(H5FormatException.class, () -> parse(b, 24));
    }

    @Test
    void compactDataLargerThanItsMessageIsMalformed() {
        H5TestBytes b = new H5TestBytes(16);
        b.at(0).u8(3).u8(0).u16(13); // 4 + 13 > 16
        assertThrows(H5FormatException.class, () -> parse(b, 16));
    }

    @Test
    void aMessageTooShortForItsFieldsIsMalformed() {
        H5TestBytes b = new H5TestBytes(24);
        b.at(0).u8(3).u8(1).u64(2048);
        assertThrows(H5FormatException.class, () -> parse(b, 10));
        assertThrows(H5FormatException.class, () -> parse(b, 1));
    }
}
