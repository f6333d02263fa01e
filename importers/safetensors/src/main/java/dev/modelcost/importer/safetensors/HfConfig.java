package dev.modelcost.importer.safetensors;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.io.json.Json;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TransformerShape;
import dev.modelcost.core.spi.ImportOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Hugging Face {@code config.json} beside a checkpoint: the transformer hyperparameters that size the KV cache
 * (under their common names and GPT-2's older ones; a multimodal model's {@code text_config}), the checkpoint's
 * {@code torch_dtype}, and its {@code quantization_config}. A config that does not parse, or lacks the numbers, gives
 * no shape: the checkpoint is still reported.
 */
record HfConfig(Optional<TransformerShape> shape, QuantConfig quantization, Optional<DType> torchDType) {
    static final String FILE_NAME = "config.json";
    /** Encoder-only model types: no KV cache (they attend over the whole input at once). */
    private static final Set<String> ENCODERS = Set.of(
            "bert",
            "roberta",
            "xlm-roberta",
            "distilbert",
            "electra",
            "deberta",
            "deberta-v2",
            "albert",
            "camembert",
            "modernbert",
            "vit",
            "clip_vision_model");

    private static final long MAX_CONFIG_BYTES = 4L << 20;
    static final HfConfig NONE = new HfConfig(Optional.empty(), QuantConfig.NONE, Optional.empty());

    /** The config beside {@code source}, or NONE when there is none; a config that breaks the limits is refused. */
    static HfConfig besides(ModelSource source, ImportOptions options) throws IOException {
        Optional<ModelSource> sibling = source.openSibling(FILE_NAME);
        if (sibling.isEmpty()) {
            return NONE;
        }
        try (ModelSource config = sibling.get()) {
            if (config.sizeBytes() > Math.min(MAX_CONFIG_BYTES, options.maxMetadataBytes())) {
                return NONE; // not a model configuration: real ones are a few kilobytes
            }
            String text = new String(config.readBytes(0, (int) config.sizeBytes()), StandardCharsets.UTF_8);
            Object v;
            try {
                v = Json.parse(text, options.maxMetadataBytes());
            } catch (Json.JsonException e) {
                return NONE;
            }
            return v instanceof Map<?, ?> m ? of(m) : NONE;
        }
    }

    static HfConfig of(Map<?, ?> top) {
        Optional<DType> dtype = dtype(top.get("torch_dtype"));
        Map<?, ?> text =
                top.get("text_config") instanceof Map<?, ?> t && !top.containsKey("num_hidden_layers") ? t : top;
        if (dtype.isEmpty()) {
            dtype = dtype(text.get("torch_dtype"));
        }
        QuantConfig quant = QuantConfig.NONE;
        if (top.get("quantization_config") instanceof Map<?, ?> q) {
            quant = new QuantConfig(q.get("quant_method") instanceof String s ? s : "", (int)
                    Math.max(0, Math.min(64, number(q, "bits", "w_bit"))));
        }
        return new HfConfig(shape(text, dtype.orElse(DType.FLOAT16)), quant, dtype);
    }

    private static Optional<TransformerShape> shape(Map<?, ?> c, DType cacheDType) {
        long layers = number(c, "num_hidden_layers", "n_layer", "num_layers");
        long hidden = number(c, "hidden_size", "n_embd", "d_model");
        long heads = number(c, "num_attention_heads", "n_head", "num_heads");
        long kvHeads = number(c, "num_key_value_heads", "num_kv_heads", "multi_query_group_num");
        if (kvHeads <= 0 && Boolean.TRUE.equals(c.get("multi_query"))) {
            kvHeads = 1;
        }
        kvHeads = kvHeads > 0 ? kvHeads : heads;
        long headDim = number(c, "head_dim", "kv_channels");
        headDim = headDim > 0 ? headDim : heads > 0 && hidden % heads == 0 ? hidden / heads : 0;
        if (layers <= 0 || kvHeads <= 0 || headDim <= 0) {
            return Optional.empty();
        }
        String arch = c.get("model_type") instanceof String s
                ? s
                : c.get("architectures") instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String s0
                        ? s0
                        : "";
        if (ENCODERS.contains(arch) || Boolean.TRUE.equals(c.get("is_encoder_decoder"))) {
            return Optional.empty(); // no decoder KV cache of this simple shape
        }
        return Optional.of(new TransformerShape(
                FILE_NAME,
                arch,
                layers,
                hidden,
                heads,
                kvHeads,
                headDim,
                number(c, "vocab_size"),
                Math.max(0, number(c, "sliding_window")),
                Math.max(0, number(c, "max_position_embeddings", "n_positions", "seq_length")),
                cacheDType));
    }

    /** The first of {@code names} that holds an integer, or 0. */
    private static long number(Map<?, ?> c, String... names) {
        for (String n : names) {
            if (c.get(n) instanceof Long v) {
                return v;
            }
        }
        return 0;
    }

    private static Optional<DType> dtype(Object name) {
        if (!(name instanceof String s)) {
            return Optional.empty();
        }
        return switch (s) {
            case "float32" -> Optional.of(DType.FLOAT32);
            case "float16" -> Optional.of(DType.FLOAT16);
            case "bfloat16" -> Optional.of(DType.BFLOAT16);
            case "float64" -> Optional.of(DType.FLOAT64);
            default -> Optional.empty();
        };
    }
}
