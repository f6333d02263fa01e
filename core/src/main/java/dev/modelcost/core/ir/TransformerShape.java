package dev.modelcost.core.ir;

import java.util.Objects;

/**
 * The hyperparameters of a decoder-style transformer that size its key/value cache, as the model's files declare
 * them (a Hugging Face {@code config.json} beside a safetensors checkpoint, or GGUF's {@code <arch>.block_count},
 * {@code <arch>.attention.head_count_kv}, ...). {@code slidingWindowTokens} and {@code contextTokens} are 0 where
 * the model declares none; {@code cacheDType} is the element type the cache is kept in (the checkpoint's
 * {@code torch_dtype}, or fp16, llama.cpp's default cache type).
 */
public record TransformerShape(
        String declaredBy,
        String architecture,
        long layers,
        long hiddenSize,
        long heads,
        long kvHeads,
        long headDim,
        long vocabSize,
        long slidingWindowTokens,
        long contextTokens,
        DType cacheDType) {
    public TransformerShape {
        Objects.requireNonNull(declaredBy, "declaredBy");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(cacheDType, "cacheDType");
        if (layers <= 0 || kvHeads <= 0 || headDim <= 0 || !cacheDType.hasFixedWidth()) {
            throw new IllegalArgumentException("a KV cache needs layers, KV heads, a head size and a fixed-width type");
        }
    }

    /** Keys and values of every layer for one token: 2 × layers × KV heads × head size × element bytes. */
    public long kvCacheBytesPerToken() {
        long elements = Math.multiplyExact(Math.multiplyExact(2L, layers), Math.multiplyExact(kvHeads, headDim));
        return cacheDType.bytesFor(elements).orElseThrow();
    }

    /** Tokens the cache holds for a sequence of {@code tokens}: all of them, or the sliding window where smaller. */
    public long cachedTokens(long tokens) {
        return slidingWindowTokens > 0 ? Math.min(tokens, slidingWindowTokens) : tokens;
    }
}
