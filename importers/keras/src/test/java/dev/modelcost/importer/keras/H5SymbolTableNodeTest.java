package dev.modelcost.importer.keras;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Symbol table nodes: "SNOD", version (1), reserved (1), number of symbols (2), then 2 × leaf K entries of
 * link name offset, object header address, cache type (4), reserved (4), scratch pad (16).
 */
class H5SymbolTableNodeTest {

    private static void entry(H5TestBytes b, long nameOffset, long header) {
        b.u64(nameOffset).u64(header).u32(0).u32(0).u64(0).u64(0);
    }

    @Test
    void usedEntriesNameTheirObjectHeaders() throws Exception {
        H5TestBytes b = new H5TestBytes(128);
        b.at(0).ascii("SNOD").u8(1).u8(0).u16(2);
        entry(b, 8, 800);
        entry(b, 16, 900);

        H5SymbolTableNode n = H5SymbolTableNode.read(b.reader(), 0, 1);

        // 8 + 2 × leaf K (1) × (2 × 8 + 24) = 88, allocated whatever is used
        assertEquals(88, n.bytes());
        assertEquals(List.of(800L, 900L), n.objectHeaders());
    }

    @Test
    void unusedEntriesAreNotRead() throws Exception {
        H5TestBytes b = new H5TestBytes(256);
        b.at(0).ascii("SNOD").u8(1).u8(0).u16(1);
        entry(b, 8, 800);
        entry(b, 16, 900); // allocated, beyond the count

        H5SymbolTableNode n = H5SymbolTableNode.read(b.reader(), 0, 2);

        assertEquals(8 + 4 * 40, n.bytes());
        assertEquals(List.of(800L), n.objectHeaders());
    }

    @Test
    void moreSymbolsThan2KIsMalformed() {
        H5TestBytes b = new H5TestBytes(128);
        b.at(0).ascii("SNOD").u8(1).u8(0).u16(3);
        assertThrows(H5FormatException.class, () -> H5SymbolTableNode.read(b.reader(), 0, 1));
    }

    @Test
    void aWrongSignatureOrATruncatedNodeIsMalformed() {
        H5TestBytes wrong = new H5TestBytes(128);
        wrong.at(0).ascii("TREE");
        assertThrows(H5FormatException.class, () -> H5SymbolTableNode.read(wrong.reader(), 0, 1));
        H5TestBytes cut = new H5TestBytes(80);
        cut.at(0).ascii("SNOD").u8(1).u8(0).u16(1);
        assertThrows(H5FormatException.class, () -> H5SymbolTableNode.read(cut.reader(), 0, 1));
    }
}
