package dev.modelcost.core.ir;

import dev.modelcost.core.analysis.LedgerBuilder;
import dev.modelcost.core.report.Ledger;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.spi.FileSection;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockFormatTest {
    // ggml Q4_K (ggml-common.h): 256 values per super-block, 2 fp16 scales + 12 bytes of sub-scales + 128 bytes
    // of 4-bit codes = 144 bytes.
    private static final BlockFormat Q4_K = new BlockFormat("Q4_K", 256, 144);

    @Test
    void storedBytesAreWholeBlocksTimesBlockBytes() {
        assertEquals(2 * 144, Q4_K.storedBytesFor(512));
        assertEquals(2 * 144, Q4_K.storedBytesFor(257), "a partial block is stored whole");
        assertTrue(Q4_K.fillsWholeBlocks(512));
        assertFalse(Q4_K.fillsWholeBlocks(257));
        assertEquals(4.5, Q4_K.bitsPerElement());
    }

    @Test
    void blockFormatAndBlocksEncodingGoTogether() {
        assertThrows(IllegalArgumentException.class, () -> new Storage("", 0, 144, Storage.Encoding.RAW, Q4_K));
        assertThrows(IllegalArgumentException.class, () -> new Storage("", 0, 144, Storage.Encoding.BLOCKS, null));
        assertThrows(IllegalArgumentException.class, () -> new BlockFormat("empty", 0, 1));
    }

    @Test
    void ledgerCountsStoredBytesAndKeepsLogicalBytesApart() {
        // 256 × 512 values: 512 blocks of 144 bytes stored; dequantized to fp32 they would take 4 bytes each.
        Tensor w = new Tensor(
                "blk.0.ffn_up.weight",
                DType.FLOAT32,
                Shape.of(512, 256),
                TensorRole.WEIGHT,
                true,
                Storage.blocks("", 64, 512 * 144, Q4_K),
                null);
        Graph g = new Graph("g", List.of(), List.of(), List.of(), Map.of(w.name(), w), Map.of(), Map.of());
        ImportedModel m = new ImportedModel(
                "test",
                "x",
                64 + 512 * 144,
                g,
                List.of(FileSection.of(LedgerCategory.CONTAINER_OVERHEAD, "header", 64)),
                Map.of(),
                List.of());
        Ledger l = LedgerBuilder.build(m, List.of(w));
        LedgerEntry e = l.entries().get(0);
        assertEquals("weight fp32, Q4_K blocks", e.detail());
        assertEquals(512 * 144, e.bytes());
        assertEquals(512L * 256 * 4, e.logicalBytes());
        assertEquals(0, l.unexplainedBytes());
    }
}
