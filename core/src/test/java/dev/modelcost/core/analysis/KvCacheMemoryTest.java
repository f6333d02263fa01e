package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TransformerShape;
import dev.modelcost.core.report.KvCacheSummary;
import dev.modelcost.core.report.Ledger;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.LedgerEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KvCacheMemoryTest {
    private static Ledger weights(long bytes) {
        return new Ledger(
                bytes,
                0,
                List.of(new LedgerEntry(LedgerCategory.PARAMETERS, "weight fp16", bytes, 1, -1)),
                0,
                Map.of());
    }

    @Test
    void llama2SevenBHalfAMebibytePerToken() {
        // Llama-2-7B config.json: 32 layers, 32 heads (no GQA), head size 4096 / 32 = 128, fp16, 4,096 tokens.
        // 2 (K and V) × 32 × 32 × 128 × 2 bytes = 524,288 bytes per token, the widely quoted 0.5 MiB/token;
        // 4,096 tokens × batch 2 = 4 GiB of cache.
        TransformerShape s =
                new TransformerShape("config.json", "llama", 32, 4096, 32, 32, 128, 32000, 0, 4096, DType.FLOAT16);
        KvCacheSummary k = KvCacheMemory.of(s, weights(13_476_839_424L), 2, 0, false);
        assertEquals(524_288, k.bytesPerToken());
        assertEquals(4096, k.cachedTokens());
        assertEquals(4L << 30, k.cacheBytes());
        assertEquals(13_476_839_424L + (4L << 30), k.runBytes());
    }

    @Test
    void groupedQueryAttentionAndSlidingWindow() {
        // Mistral-7B-v0.1 config.json: 32 layers, 8 KV heads, head size 128, bf16, sliding_window 4096,
        // max_position_embeddings 32768: 2 × 32 × 8 × 128 × 2 = 131,072 bytes per token, at most 4,096 tokens cached.
        TransformerShape s = new TransformerShape(
                "config.json", "mistral", 32, 4096, 32, 8, 128, 32000, 4096, 32768, DType.BFLOAT16);
        KvCacheSummary k = KvCacheMemory.of(s, weights(1000), 1, 0, false);
        assertEquals(131_072, k.bytesPerToken());
        assertEquals(4096, k.cachedTokens());
        assertEquals(131_072L * 4096, k.cacheBytes());
    }

    @Test
    void undeclaredContextLeavesTotalsUnknown() {
        TransformerShape s = new TransformerShape("GGUF metadata", "llama", 2, 256, 4, 2, 64, 256, 0, 0, DType.FLOAT16);
        KvCacheSummary k = KvCacheMemory.of(s, weights(1000), 1, 0, false);
        assertEquals(2 * 2 * 2 * 64 * 2, k.bytesPerToken());
        assertEquals(-1, k.runBytes());
        KvCacheSummary asked = KvCacheMemory.of(s, weights(1000), 3, 100, false);
        assertEquals(100, asked.contextTokens());
        assertEquals(1024L * 100 * 3, asked.cacheBytes(), "per token × 100 tokens × batch 3");
        assertEquals(1000 + 1024L * 100 * 3, asked.runBytes());
    }
}
