package dev.modelcost.importer.gguf;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TransformerShape;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The transformer shape a GGUF file declares under its architecture's prefix: {@code <arch>.block_count},
 * {@code .embedding_length}, {@code .attention.head_count}, {@code .attention.head_count_kv} (default: head_count),
 * {@code .attention.key_length} (default: embedding_length / head_count), {@code .context_length},
 * {@code .attention.sliding_window}, {@code .vocab_size} (else the tokenizer's token count). The cache type is fp16,
 * llama.cpp's default. Keys given per layer (arrays) or missing, and encoder-only architectures, give no shape.
 */
final class GgufArchitecture {
    /** Encoder-only architectures: no KV cache (they attend over the whole input at once). */
    private static final Set<String> ENCODERS = Set.of(
            "bert",
            "nomic-bert",
            "nomic-bert-moe",
            "jina-bert-v2",
            "jina-bert-v3",
            "modern-bert",
            "neo-bert",
            "t5encoder");

    private GgufArchitecture() {}

    static Optional<TransformerShape> of(Map<String, Object> kv, String arch) {
        if (arch.isEmpty() || ENCODERS.contains(arch)) {
            return Optional.empty();
        }
        String p = arch + ".";
        long layers = number(kv, p + "block_count");
        long hidden = number(kv, p + "embedding_length");
        long heads = number(kv, p + "attention.head_count");
        long kvHeads = number(kv, p + "attention.head_count_kv");
        kvHeads = kvHeads > 0 ? kvHeads : heads;
        long headDim = number(kv, p + "attention.key_length");
        headDim = headDim > 0 ? headDim : heads > 0 && hidden % heads == 0 ? hidden / heads : 0;
        if (layers <= 0 || kvHeads <= 0 || headDim <= 0) {
            return Optional.empty();
        }
        long vocab = number(kv, p + "vocab_size");
        if (vocab <= 0 && kv.get("tokenizer.ggml.tokens") instanceof GgufValues.ArraySummary a) {
            vocab = a.count();
        }
        return Optional.of(new TransformerShape(
                "GGUF metadata",
                arch,
                layers,
                hidden,
                heads,
                kvHeads,
                headDim,
                vocab,
                Math.max(0, number(kv, p + "attention.sliding_window")),
                Math.max(0, number(kv, p + "context_length")),
                DType.FLOAT16));
    }

    private static long number(Map<String, Object> kv, String key) {
        return kv.get(key) instanceof Long v ? v : 0;
    }
}
