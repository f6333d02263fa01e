package dev.modelcost.importer.keras;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Version 1 B-tree nodes: "TREE", node type (1), level (1), entries used (2), left and right sibling
 * addresses, then key 0, child 0, key 1, …, child 2K−1, key 2K, allocated for 2K entries.
 */
class H5BTreeNodeTest {

    private static H5TestBytes node(H5TestBytes b, int at, int type, int level, int used) {
        return b.at(at)
                .ascii("TREE")
                .u8(type)
                .u8(level)
                .u16(used)
                .u64(H5TestBytes.UNDEF)
                .u64(H5TestBytes.UNDEF);
    }

    @Test
    void groupLeafNodeListsItsSymbolTableNodes() throws Exception {
        H5TestBytes b = new H5TestBytes(128);
        // K = 2, 8-byte keys (heap offsets of names): key 0, child 1000, key 8, child 2000, key 16
        node(b, 0, 0, 0, 2).u64(0).u64(1000).u64(8).u64(2000).u64(16);

        H5BTreeNode n = H5BTreeNode.read(b.reader(), 0, 2, 8);

        // 8 + 2 siblings × 8 + (2K + 1) keys × 8 + 2K children × 8 = 8 + 16 + 40 + 32
        assertEquals(96, n.bytes());
        assertEquals(0, n.level());
        assertEquals(
                List.of(1000L, 2000L),
                n.children().stream().map(H5BTreeNode.Child::address).toList());
        assertEquals(8, n.children().get(1).key().getLong(0), "the left key of child 1");
    }

    @Test
    void chunkNodeKeysCarryTheChunkSize() throws Exception {
        H5TestBytes b = new H5TestBytes(256);
        // K = 1, rank-2 dataset: key = chunk size (4), filter mask (4), 3 offsets × 8 = 32 bytes
        node(b, 0, 1, 0, 1).u32(4096).u32(0).u64(0).u64(0).u64(0).u64(5000);

        H5BTreeNode n = H5BTreeNode.read(b.reader(), 0, 1, 32);

        // 8 + 16 + 3 keys × 32 + 2 children × 8 = 136
        assertEquals(136, n.bytes());
        assertEquals(5000, n.children().get(0).address());
        assertEquals(4096, n.children().get(0).key().getInt(0));
        assertEquals(32, n.children().get(0).key().limit());
    }

    @Test
    void anInternalNodeReportsItsLevel() throws Exception {
        H5TestBytes b = new H5TestBytes(128);
        node(b, 0, 0, 1, 1).u64(0).u64(700);
        H5BTreeNode n = H5BTreeNode.read(b.reader(), 0, 2, 8);
        assertEquals(1, n.level());
        assertEquals(700, n.children().get(0).address());
    }

    @Test
    void moreEntriesThan2KIsMalformed() {
        H5TestBytes b = new H5TestBytes(128);
        node(b, 0, 0, 0, 5);
        assertThrows(H5FormatException.class, () -> H5BTreeNode.read(b.reader(), 0, 2, 8));
    }

    @Test
    void aWrongSignatureIsMalformed() {
        H5TestBytes b = new H5TestBytes(128);
        b.at(0).ascii("SNOD");
        assertThrows(H5FormatException.class, () -> H5BTreeNode.read(b.reader(), 0, 2, 8));
    }

    @Test
    void aNodeThatRunsPastTheFileIsMalformed() {
        H5TestBytes b = new H5TestBytes(90); // 96 bytes needed for K = 2
        node(b, 0, 0, 0, 0);
        assertThrows(H5FormatException.class, () -> H5BTreeNode.read(b.reader(), 0, 2, 8));
    }

    @Test
    void aHugeKIsRefusedBeforeAnythingIsAllocated() {
        H5TestBytes b = new H5TestBytes(128);
        node(b, 0, 1, 0, 0);
        // K = 65535 with 2 KiB keys: a node of about 268 MB, far past this file
        assertThrows(H5FormatException.class, () -> H5BTreeNode.read(b.reader(), 0, 65535, 8 + 8L * 255));
    }
}
