package dev.modelcost.importer.safetensors;

import dev.modelcost.core.io.json.Json;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TransformerShape;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HfConfigTest {
    private static HfConfig parse(String json) throws Exception {
        return HfConfig.of((Map<?, ?>) Json.parse(json, 1 << 20));
    }

    @Test
    void mistralStyleConfigGivesTheCacheShape() throws Exception {
        // Keys and values as in mistralai/Mistral-7B-v0.1's config.json.
        TransformerShape s = parse("{\"architectures\": [\"MistralForCausalLM\"], \"hidden_size\": 4096, "
                        + "\"max_position_embeddings\": 32768, \"model_type\": \"mistral\", \"num_attention_heads\": 32, "
                        + "\"num_hidden_layers\": 32, \"num_key_value_heads\": 8, \"sliding_window\": 4096, "
                        + "\"torch_dtype\": \"bfloat16\", \"vocab_size\": 32000}")
                .shape()
                .orElseThrow();
        assertEquals(32, s.layers());
        assertEquals(8, s.kvHeads());
        assertEquals(128, s.headDim(), "hidden_size / num_attention_heads");
        assertEquals(4096, s.slidingWindowTokens());
        assertEquals(32768, s.contextTokens());
        assertEquals(DType.BFLOAT16, s.cacheDType());
        assertEquals(2L * 32 * 8 * 128 * 2, s.kvCacheBytesPerToken());
    }

    @Test
    void gpt2NamesAndTextConfigAndEncoders() throws Exception {
        TransformerShape gpt2 = parse("{\"model_type\": \"gpt2\", \"n_embd\": 768, \"n_head\": 12, \"n_layer\": 12, "
                        + "\"n_positions\": 1024, \"vocab_size\": 50257}")
                .shape()
                .orElseThrow();
        assertEquals(12, gpt2.kvHeads());
        assertEquals(64, gpt2.headDim());
        assertEquals(1024, gpt2.contextTokens());
        TransformerShape nested = parse("{\"model_type\": \"llava\", \"text_config\": {\"model_type\": \"llama\", "
                        + "\"hidden_size\": 4096, \"num_attention_heads\": 32, \"num_hidden_layers\": 32, \"head_dim\": 128, "
                        + "\"num_key_value_heads\": 8}}")
                .shape()
                .orElseThrow();
        assertEquals(8, nested.kvHeads());
        assertTrue(parse("{\"model_type\": \"bert\", \"hidden_size\": 768, \"num_attention_heads\": 12, "
                        + "\"num_hidden_layers\": 12}")
                .shape()
                .isEmpty());
        assertTrue(parse("{\"quantization_config\": {\"quant_method\": \"awq\", \"w_bit\": 4}}")
                .quantization()
                .isAwq());
    }
}
