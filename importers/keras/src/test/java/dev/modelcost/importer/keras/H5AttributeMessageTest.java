package dev.modelcost.importer.keras;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Attribute messages: version (1), reserved or flags (1), name size, datatype size, dataspace size (2 each),
 * [version 3: name encoding (1)], then name (NUL-terminated), datatype, dataspace and data; version 1 pads
 * name, datatype and dataspace each to a multiple of 8. Datatype messages start with class and version (1),
 * class bits (3) and element size (4); dataspace version 1 has version, rank, flags and 5 reserved bytes
 * before the dimensions, version 2 version, rank, flags and type (2 = null).
 */
class H5AttributeMessageTest {

    private static H5AttributeMessage parse(H5TestBytes b, int n) throws Exception {
        return H5AttributeMessage.parse(b.reader(), b.slice(0, n), 1000);
    }

    @Test
    void version1FixedLengthScalarStringWithoutItsTrailingNuls() throws Exception {
        H5TestBytes b = new H5TestBytes(64);
        b.at(0).u8(1).u8(0).u16(13).u16(8).u16(8);
        b.at(8).ascii("model_config\0"); // 13 bytes, padded to 16: 8..24
        b.at(24).u8(0x13).u8(0).u8(0).u8(0).u32(20); // string, 20 bytes: 24..32
        b.at(32).u8(1).u8(0).u8(0).u8(0).u32(0); // scalar dataspace v1: 32..40
        b.at(40).ascii("{\"a\":1}"); // 7 bytes of text, 13 NULs: 40..60

        H5AttributeMessage a = parse(b, 64); // the message is allocated 8-aligned: 4 bytes after

        assertEquals("model_config", a.name());
        assertEquals(40, a.headerBytes());
        assertEquals(3, a.datatypeClass());
        assertEquals(1, a.elements());
        assertEquals(20, a.dataBytes());
        assertEquals(7, a.textBytes());
        assertEquals(4, a.trailingBytes());
        assertEquals(List.of(), a.heapRefs());
    }

    @Test
    void version3VariableLengthStringsNameTheirGlobalHeapObjects() throws Exception {
        H5TestBytes b = new H5TestBytes(97);
        b.at(0).u8(3).u8(0).u16(12).u16(16).u16(12).u8(0);
        b.at(9).ascii("layer_names\0"); // 9..21
        b.at(21).u8(0x19).u8(1).u8(0).u8(0).u32(16); // variable-length string: 16-byte ids
        b.u8(0x10).u8(0).u8(0).u8(0).u32(1); // base type: 37
        b.at(37).u8(2).u8(1).u8(0).u8(1).u64(3); // simple dataspace v2, [3]: 37..49
        b.at(49).u32(5).u64(4096).u32(1).u32(3).u64(4096).u32(2).u32(0).u64(0).u32(0); // the third is empty

        H5AttributeMessage a = parse(b, 97);

        assertEquals("layer_names", a.name());
        assertEquals(49, a.headerBytes());
        assertEquals(9, a.datatypeClass());
        assertEquals(3, a.elements());
        assertEquals(48, a.dataBytes(), "3 ids of length (4) + collection address (8) + index (4)");
        assertEquals(0, a.trailingBytes());
        assertEquals(
                List.of(new H5AttributeMessage.HeapRef(4096, 1), new H5AttributeMessage.HeapRef(4096, 2)),
                a.heapRefs(),
                "index 0 names no object");
    }

    @Test
    void aNullDataspaceHasNoData() throws Exception {
        H5TestBytes b = new H5TestBytes(32);
        b.at(0).u8(2).u8(0).u16(2).u16(8).u16(4);
        b.at(8).ascii("e\0").u8(0x10).u8(0).u8(0).u8(0).u32(4).u8(2).u8(0).u8(0).u8(2); // 8..10, 10..18, 18..22

        H5AttributeMessage a = parse(b, 24);

        assertEquals(22, a.headerBytes());
        assertEquals(0, a.elements());
        assertEquals(0, a.dataBytes());
        assertEquals(2, a.trailingBytes());
    }

    /** Version 1, name "w", a 4-byte float datatype (24 bytes padded), a rank-1 dataspace of {@code count}. */
    private static H5TestBytes floats(long count) {
        H5TestBytes b = new H5TestBytes(68);
        b.at(0).u8(1).u8(0).u16(2).u16(20).u16(16);
        b.at(8).ascii("w\0");
        b.at(16)
                .u8(0x11)
                .u8(0x20)
                .u8(0x1f)
                .u8(0)
                .u32(4)
                .u16(0)
                .u16(32)
                .u8(23)
                .u8(8)
                .u8(0)
                .u8(23)
                .u32(127);
        b.at(40).u8(1).u8(1).u8(0).u8(0).u32(0).u64(count); // 40..56
        return b;
    }

    @Test
    void numericDataIsElementsTimesElementSize() throws Exception {
        H5AttributeMessage a = parse(floats(3), 68);
        assertEquals(56, a.headerBytes());
        assertEquals(3, a.elements());
        assertEquals(12, a.dataBytes());
        assertEquals(12, a.textBytes());
        assertEquals(0, a.trailingBytes());
    }

    @Test
    void aDataspaceThatClaimsMoreThanTheMessageHoldsIsCutAtTheMessage() throws Exception {
        H5AttributeMessage a = parse(floats(1000), 68);
        assertEquals(1000, a.elements());
        assertEquals(12, a.dataBytes(), "only the 12 bytes the message holds are booked");
    }

    @Test
    void aNameLongerThanTheMessageIsMalformed() {
        H5TestBytes b = new H5TestBytes(32);
        b.at(0).u8(1).u8(0).u16(0xffff).u16(8).u16(8);
        assertThrows(H5FormatException.class, () -> parse(b, 32));
    }

    @Test
    void aRankWhoseDimensionsRunPastTheMessageIsMalformed() {
        H5TestBytes b = floats(3);
        b.at(41).u8(200);
        assertThrows(H5FormatException.class, () -> parse(b, 68));
    }

    @Test
    void dimensionsWhoseProductOverflowsAreMalformed() {
        H5TestBytes b = new H5TestBytes(64);
        b.at(0).u8(1).u8(0).u16(2).u16(8).u16(24);
        b.at(8).ascii("w\0");
        b.at(16).u8(0x10).u8(0).u8(0).u8(0).u32(1);
        b.at(24).u8(1).u8(2).u8(0).u8(0).u32(0).u64(1L << 62).u64(1L << 62);
        assertThrows(H5FormatException.class, () -> parse(b, 64));
    }

    @Test
    void unknownVersionsAndTruncatedMessagesAreMalformed() {
        H5TestBytes b = new H5TestBytes(32);
        b.at(0).u8(4);
        assertThrows(H5FormatException.class, () -> parse(b, 32));
        assertThrows(H5FormatException.class, () -> parse(floats(3), 6));
    }
}
