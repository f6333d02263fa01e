package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * TextVectorization (Keras's definition): strings in; {@code output_mode} "int" gives int64 token ids, [batch,
 * output_sequence_length] when that is set (else the sequence length is data-dependent); "multi_hot", "count" and
 * "tf_idf" give float32 [batch, max_tokens] (max_tokens counts the padding and OOV entries already).
 */
final class TextVectorizationRule implements OpRule {
    @Override
    public List<OpKey> keys() {
        return KerasRules.layers("TextVectorization");
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = LayerConfig.firstDataInput(ctx);
        Dim batch = x.shape().hasRank() && x.shape().rank() > 0 ? x.shape().dim(0) : Dim.symbol("batch");
        String mode = ctx.node().stringAttr("output_mode").orElse("int");
        long length = ctx.node().intAttr("output_sequence_length", -1);
        long tokens = ctx.node().intAttr("max_tokens", -1);
        if (mode.equals("int")) {
            ctx.setOutput(
                    0,
                    new TensorType(DType.INT64, Shape.of(List.of(batch, length > 0 ? Dim.of(length) : Dim.UNKNOWN))));
            if (length <= 0) {
                ctx.diagnose(
                        "TextVectorization '" + ctx.node().label() + "' has no output_sequence_length: its output's"
                                + " length is the longest text of each batch (data-dependent)");
            }
        } else {
            ctx.setOutput(
                    0,
                    new TensorType(DType.FLOAT32, Shape.of(List.of(batch, tokens > 0 ? Dim.of(tokens) : Dim.UNKNOWN))));
        }
    }

    @Override
    public String shapeRule() {
        return "int: [batch, output_sequence_length]; multi_hot/count/tf_idf: [batch, max_tokens]";
    }
}
