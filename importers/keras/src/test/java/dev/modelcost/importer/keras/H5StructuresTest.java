package dev.modelcost.importer.keras;

import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.spi.FileSection;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The whole walk over one hand-built HDF5 file (superblock v0, 8-byte fields, group K 1): a root group with
 * a variable-length model_config attribute and one contiguous dataset "w" of 16 bytes. Every byte's
 * structure is laid out below, so every figure the ledger must give is derived by hand from the layout.
 * <pre>
 *   0.. 96 superblock and root symbol table entry
 *  96..112 root object header prefix (2 messages, 96-byte block)
 * 112..136 symbol table message: header 8 + body 16 (B-tree 208, local heap 448)
 * 136..208 attribute message: header 8 + body 64 = attribute header 48 (name 16, datatype 16, dataspace 8) + heap id 16
 * 208..272 group B-tree node (K 1: 8 + 16 + 3 keys × 8 + 2 children × 8)
 * 272..360 symbol table node (leaf K 1: 8 + 2 entries × 40), one entry: "w" at 360
 * 360..376 dataset object header prefix (3 messages, 72-byte block)
 * 376..400 dataspace message: header 8 + body 16
 * 400..432 layout message: header 8 + body 24 (contiguous at 576, 16 bytes)
 * 432..448 NIL message: header 8 + body 8
 * 448..480 local heap header; 480..512 its data: names 0..16, free block 16..32 (next offset and size: 16 bytes)
 * 512..560 global heap collection: header 16, object 1 header 16 + 4 bytes + 4 padding, free object 8
 * 560..576 nothing references these bytes
 * 576..592 the dataset's elements
 * </pre>
 */
class H5StructuresTest {
    private static final int FILE_BYTES = 592;

    /** The file above; {@code datasetHeader}: what the symbol table node's entry names (360 in the file above). */
    private static H5TestBytes file(long datasetHeader) {
        H5TestBytes b = new H5TestBytes(FILE_BYTES);
        b.at(0)
                .signature()
                .u8(0)
                .u8(0)
                .u8(0)
                .u8(0)
                .u8(0)
                .u8(8)
                .u8(8)
                .u8(0)
                .u16(1)
                .u16(1)
                .u32(0);
        b.u64(0).u64(H5TestBytes.UNDEF).u64(FILE_BYTES).u64(H5TestBytes.UNDEF);
        b.u64(0).u64(96).u32(1).u32(0).u64(208).u64(448);
        // root group
        b.at(96).u8(1).u8(0).u16(2).u32(1).u32(96).u32(0);
        b.at(112).message(0x0011, 16).u64(208).u64(448);
        b.at(136).message(0x000C, 64).u8(1).u8(0).u16(13).u16(16).u16(8).ascii("model_config\0");
        b.at(168).u8(0x19).u8(1).u8(0).u8(0).u32(16).u8(0x13).u8(0).u8(0).u8(0).u32(1);
        b.at(184).u8(1).u8(0).u8(0).u8(0).u32(0);
        b.at(192).u32(4).u64(512).u32(1);
        b.at(208)
                .ascii("TREE")
                .u8(0)
                .u8(0)
                .u16(1)
                .u64(H5TestBytes.UNDEF)
                .u64(H5TestBytes.UNDEF)
                .u64(0)
                .u64(272)
                .u64(8);
        b.at(272).ascii("SNOD").u8(1).u8(0).u16(1).u64(8).u64(datasetHeader);
        // dataset "w"
        b.at(360).u8(1).u8(0).u16(3).u32(1).u32(72).u32(0);
        b.at(376).message(0x0001, 16).u8(1).u8(1).u8(0).u8(0).u32(0).u64(4);
        b.at(400).message(0x0008, 24).u8(3).u8(1).u64(576).u64(16);
        b.at(432).message(0x0000, 8);
        // heaps
        b.at(448).ascii("HEAP").u32(0).u64(32).u64(16).u64(480);
        b.at(488).ascii("w\0");
        b.at(496).u64(1).u64(16);
        b.at(512).ascii("GCOL").u8(1).u8(0).u8(0).u8(0).u64(48);
        b.at(528).u16(1).u16(1).u32(0).u64(4).ascii("{}{}");
        return b;
    }

    private static Map<String, Long> bytesByDetail(List<FileSection> sections) {
        Map<String, Long> out = new TreeMap<>();
        sections.forEach(s -> out.merge(s.category() + " " + s.detail(), s.bytes(), Long::sum));
        return out;
    }

    @Test
    void everyByteIsBookedToTheStructureThatHoldsIt() throws Exception {
        H5TestBytes b = file(360);
        H5Structures w = new H5Structures(b.channel(), 0, FILE_BYTES, 1 << 20, 100);

        IntervalLedger ledger = w.walk();
        List<String> overlaps = new ArrayList<>();
        List<FileSection> sections = ledger.finish(0, FILE_BYTES, overlaps);

        String overhead = LedgerCategory.CONTAINER_OVERHEAD + " ";
        String config = LedgerCategory.GRAPH_AND_CONFIG + " ";
        String free = LedgerCategory.PADDING_AND_FREE_SPACE + " ";
        Map<String, Long> expected = new TreeMap<>();
        expected.put(overhead + H5Structures.SUPERBLOCK, 96L);
        expected.put(overhead + H5Structures.OH_PREFIX, 2 * 16L);
        expected.put(overhead + H5Structures.OH_MESSAGE_HEADERS, 5 * 8L);
        expected.put(overhead + H5Structures.GROUP_MESSAGES, 16L);
        expected.put(overhead + H5Structures.ATTR_HEADERS, 48L);
        expected.put(overhead + H5Structures.VLEN_REFS, 16L);
        expected.put(overhead + H5Structures.GROUP_BTREE, 64L);
        expected.put(overhead + H5Structures.SNOD, 88L);
        expected.put(overhead + H5Structures.DATASET_HEADERS, 16L + 24);
        expected.put(free + H5Structures.OH_FREE, 8L);
        expected.put(overhead + H5Structures.LHEAP_HEADER, 32L);
        expected.put(config + H5Structures.LHEAP_NAMES, 16L);
        expected.put(free + H5Structures.LHEAP_FREE, 16L);
        expected.put(overhead + H5Structures.GHEAP_HEADERS, 16L + 16);
        expected.put(config + H5Structures.ATTR_CONFIG, 4L);
        expected.put(free + H5Structures.GHEAP_FREE, 4L + 8);
        expected.put(free + "HDF5 bytes no structure references (largest gap: 16 bytes at offset 560)", 16L);
        assertEquals(expected, bytesByDetail(sections));
        assertEquals(List.of(), overlaps);
        assertEquals(1, ledger.payloads().size());
        assertEquals(
                List.of(576L, 16L),
                List.of(ledger.payloads().get(0)[0], ledger.payloads().get(0)[1]));
        assertEquals(2, w.objectHeaders(), "root and w");
        assertEquals(1, w.attributes());
    }

    @Test
    void theFileCanStartInsideALargerChannel() throws Exception {
        byte[] inner = file(360).bytes();
        H5TestBytes outer = new H5TestBytes(100 + FILE_BYTES);
        outer.at(100).u8(0);
        byte[] all = outer.bytes();
        System.arraycopy(inner, 0, all, 100, inner.length);
        IntervalLedger ledger =
                new H5Structures(new H5TestBytes.MemoryChannel(all), 100, FILE_BYTES, 1 << 20, 100).walk();
        assertEquals(
                List.of(100L + 576, 16L),
                List.of(ledger.payloads().get(0)[0], ledger.payloads().get(0)[1]),
                "payloads are named by channel position");
    }

    @Test
    void aGroupThatNamesItsParentIsWalkedOnce() throws Exception {
        H5Structures w = new H5Structures(file(96).channel(), 0, FILE_BYTES, 1 << 20, 100);
        IntervalLedger ledger = w.walk();
        assertEquals(1, w.objectHeaders());
        assertEquals(0, ledger.payloadBytes());
    }

    @Test
    void moreObjectsThanTheLimitAreRefused() {
        H5Structures w = new H5Structures(file(360).channel(), 0, FILE_BYTES, 1 << 20, 1);
        assertThrows(H5FormatException.class, w::walk);
    }

    @Test
    void aBTreeNodeThatIsItsOwnChildIsRefused() {
        H5TestBytes b = file(360);
        b.at(208 + 5).u8(1); // level 1: children are B-tree nodes
        b.at(240).u64(208); // … and the only child is this node
        H5Structures w = new H5Structures(b.channel(), 0, FILE_BYTES, 1 << 20, 100);
        assertThrows(H5FormatException.class, w::walk);
    }

    @Test
    void aDatasetWhosePayloadRunsPastTheFileIsRefused() {
        H5TestBytes b = file(360);
        b.at(418).u64(1000); // layout size: 576 + 1000 > 592
        H5Structures w = new H5Structures(b.channel(), 0, FILE_BYTES, 1 << 20, 100);
        assertThrows(H5FormatException.class, w::walk);
    }

    @Test
    void aBlockLimitSmallerThanAStructureIsRefused() {
        H5Structures w = new H5Structures(file(360).channel(), 0, FILE_BYTES, 64, 100);
        assertThrows(H5FormatException.class, w::walk);
    }
}
