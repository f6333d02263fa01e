package dev.modelcost.core.ir;

import org.junit.jupiter.api.Test;

import static dev.modelcost.core.ir.TensorNameRoles.roleOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's naming convention, case by case, with names from PyTorch, Hugging Face and GGUF checkpoints. */
class TensorNameRolesTest {
    @Test
    void pytorchConvBatchNormLinear() {
        assertEquals(TensorRole.WEIGHT, roleOf("conv1.weight", DType.FLOAT32));
        assertEquals(TensorRole.BIAS, roleOf("fc1.bias", DType.FLOAT32));
        assertEquals(TensorRole.NORM_SCALE_SHIFT, roleOf("norm1.weight", DType.FLOAT32));
        assertEquals(TensorRole.NORM_SCALE_SHIFT, roleOf("bn1.bias", DType.FLOAT32));
        assertEquals(TensorRole.NORM_STATISTIC, roleOf("norm1.running_mean", DType.FLOAT32));
        assertEquals(TensorRole.NORM_STATISTIC, roleOf("norm1.running_var", DType.FLOAT32));
        assertEquals(TensorRole.CONSTANT, roleOf("norm1.num_batches_tracked", DType.INT64));
    }

    @Test
    void transformerNames() {
        assertEquals(TensorRole.NORM_SCALE_SHIFT, roleOf("model.layers.0.input_layernorm.weight", DType.BFLOAT16));
        assertEquals(TensorRole.NORM_SCALE_SHIFT, roleOf("transformer.ln_f.bias", DType.FLOAT16));
        assertEquals(TensorRole.NORM_SCALE_SHIFT, roleOf("blk.0.attn_norm.weight", DType.FLOAT32));
        assertEquals(TensorRole.NORM_SCALE_SHIFT, roleOf("encoder.layer.0.output.LayerNorm.gamma", DType.FLOAT32));
        assertEquals(TensorRole.WEIGHT, roleOf("model.layers.0.self_attn.q_proj.weight", DType.BFLOAT16));
        assertEquals(TensorRole.WEIGHT, roleOf("token_embd.weight", DType.FLOAT16));
        assertEquals(
                TensorRole.WEIGHT,
                roleOf("base_model.model.encoder.layer.0.attention.self.query.lora_A.weight", DType.FLOAT32));
        assertEquals(TensorRole.OTHER_PARAMETER, roleOf("<s1>", DType.FLOAT32));
        assertEquals(TensorRole.OTHER_PARAMETER, roleOf("text_encoder:0:down", DType.FLOAT16));
    }

    @Test
    void quantizationStateIsNotAParameter() {
        assertEquals(TensorRole.CONSTANT, roleOf("model.layers.0.mlp.up_proj.scales", DType.FLOAT16));
        assertEquals(TensorRole.CONSTANT, roleOf("model.layers.0.mlp.up_proj.qzeros", DType.INT32));
        assertEquals(TensorRole.CONSTANT, roleOf("model.layers.0.mlp.up_proj.weight.absmax", DType.FLOAT32));
        assertEquals(
                TensorRole.CONSTANT,
                roleOf("model.layers.0.mlp.up_proj.weight.quant_state.bitsandbytes__nf4", DType.UINT8));
    }
}
