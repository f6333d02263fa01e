package dev.modelcost.core.report;

import dev.modelcost.core.ir.TransformerShape;

/**
 * The memory a decoder transformer needs to run, from the shape its files declare (docs/memory.md, "Memory to run"):
 * the KV cache per token (2 × layers × KV heads × head size × cache element bytes), the tokens cached for
 * {@code contextTokens} (all of them, or the sliding window), the cache for {@code batch} sequences of that length,
 * and that cache plus the stored weights. Activations and runtime workspace are not included. {@code contextTokens}
 * is the context asked for (--context), else the model's declared one; where neither is known it is 0 and the totals
 * are -1 (unknown). {@code inActivations} is true where the cache is the graph's own past/present inputs and outputs
 * (an ONNX decoder step): the live activations hold it already, so memory to run does not add it a second time.
 */
public record KvCacheSummary(
        TransformerShape shape,
        long bytesPerToken,
        long contextTokens,
        long batch,
        long cachedTokens,
        long cacheBytes,
        long weightsBytes,
        long runBytes,
        boolean inActivations) {

    public boolean contextKnown() {
        return contextTokens > 0;
    }
}
