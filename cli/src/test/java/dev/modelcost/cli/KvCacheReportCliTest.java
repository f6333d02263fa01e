package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The KV cache in memory to run and in every format: a term of its own where the files declare a transformer (GGUF),
 * inside the live activations where the graph holds it (an ONNX decoder step), never counted twice.
 */
class KvCacheReportCliTest {
    private static final String GPT2 = "onnx/real/genai_tiny_gpt2_past_fp32.onnx";
    private static final String GGUF = "gguf/gen__tiny-llama-Q4_0.gguf";
    private static final String[] DIMS = {
        "--dim", "seq_len=1", "--dim", "total_seq_len=101", "--dim", "past_seq_len=100"
    };

    private static String[] args(String file, String... more) {
        String[] a = new String[2 + DIMS.length + more.length];
        a[0] = "inspect";
        a[1] = InspectCommandTest.corpus().resolve(file).toString();
        System.arraycopy(DIMS, 0, a, 2, DIMS.length);
        System.arraycopy(more, 0, a, 2 + DIMS.length, more.length);
        return a;
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /**
     * The tiny GPT-2's five past inputs are [2, batch, 4, past, 8] fp32 (truth file): 2 × 5 × 4 × 8 × 4 = 1,280 bytes
     * per token, 129,280 for the 101 tokens after this step. They and the present outputs are activations, so memory
     * to run is parameters + peak and names the cache as inside the peak.
     */
    @Test
    void anOnnxDecoderCountsItsCacheOnceInsideTheActivations() throws Exception {
        JsonNode r = new ObjectMapper()
                .readTree(InspectCommandTest.run(args(GPT2, "-f", "json")).out());
        JsonNode m = r.get("memoryToRun");
        assertEquals(1280, r.at("/kvCache/bytesPerToken").asLong());
        assertEquals(1280L * 101, r.at("/kvCache/cacheBytes").asLong());
        assertTrue(r.at("/kvCache/inActivations").asBoolean());
        assertTrue(m.get("kvCacheInActivations").asBoolean());
        assertEquals(0, m.get("kvCacheBytes").asLong());
        assertEquals(
                r.at("/parameters/logicalBytes").asLong()
                        + r.at("/activations/peakLiveBytes").asLong(),
                m.get("bytes").asLong(),
                "parameters + peak, no second copy of the cache");
        assertTrue(r.at("/activations/peakLiveBytes").asLong() >= 1280L * 101, "the peak holds the present outputs");

        String text = InspectCommandTest.run(args(GPT2)).out();
        assertTrue(
                text.contains("which hold the KV cache: the graph's past/present inputs and outputs, counted once"),
                text);
        assertTrue(text.contains("at 101 tokens x batch 1: 129,280 bytes"), text);
        String md = InspectCommandTest.run(args(GPT2, "-f", "markdown")).out();
        assertTrue(md.contains("| KV cache | Value | MB = MiB | Made of |"), md);
        assertTrue(md.contains("| Cache for the batch | 129,280 |"), md);
        assertTrue(md.contains("which hold the KV cache"), md);
        String html = InspectCommandTest.run(args(GPT2, "-f", "html")).out();
        assertTrue(html.contains("<h2 id=\"kv-cache\">KV cache</h2>"), "HTML KV-cache section");
        assertTrue(html.contains("<th>Bytes per token</th><td class=\"n\">1,280</td>"), "HTML bytes per token");
        assertTrue(html.contains("<th>Cache for the batch</th><td class=\"n\">129,280</td>"), "HTML cache bytes");
    }

    /**
     * GGUF tiny Llama (truth file): KV cache 2 × block_count × head_count_kv × (embedding_length / head_count) × 2
     * bytes (fp16) per token, × context_length tokens; the weights are the truth's tensor bytes as stored (quantized
     * blocks), and memory to run is their sum with the (unknown, ≥ 0) activations: a lower bound.
     */
    @Test
    void aGgufTransformerAddsItsCacheAsATermOfItsOwn() throws Exception {
        JsonNode truth = new ObjectMapper()
                .readTree(InspectCommandTest.corpus()
                        .resolve(GGUF + ".truth.json")
                        .toFile());
        JsonNode kv = truth.get("kv");
        long perToken = 2
                * kv.get("llama.block_count").asLong()
                * kv.get("llama.attention.head_count_kv").asLong()
                * (kv.get("llama.embedding_length").asLong()
                        / kv.get("llama.attention.head_count").asLong())
                * 2;
        long cache = perToken * kv.get("llama.context_length").asLong();
        long weights = truth.at("/totals/tensor_bytes").asLong();
        String file = InspectCommandTest.corpus().resolve(GGUF).toString();

        JsonNode m = new ObjectMapper()
                .readTree(InspectCommandTest.run("inspect", file, "-f", "json").out())
                .get("memoryToRun");
        assertEquals(weights, m.get("parametersBytes").asLong());
        assertEquals(cache, m.get("kvCacheBytes").asLong());
        assertEquals(weights + cache, m.get("bytes").asLong(), "no activations known: 0 of them, a lower bound");
        assertTrue(
                !m.get("complete").asBoolean() && !m.get("kvCacheInActivations").asBoolean());

        String text = InspectCommandTest.run("inspect", file).out();
        assertTrue(
                text.contains("Memory to run: >= " + n(weights + cache) + " bytes")
                        && text.contains(
                                "(weights " + n(weights) + " bytes as stored + peak live activations >= 0 bytes"
                                        + " + KV cache " + n(cache) + " bytes)"),
                text);
        String html = InspectCommandTest.run("inspect", file, "-f", "html").out();
        assertTrue(html.contains("<th>Cache for the batch</th><td class=\"n\">" + n(cache) + "</td>"), "HTML cache");
        assertTrue(html.contains("+ KV cache for the batch"), "HTML memory to run names the KV term");
    }
}
