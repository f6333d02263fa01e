package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * com.microsoft EmbedLayerNormalization(input_ids [B, S], segment_ids, word_embedding [V, H], position_embedding,
 * segment_embedding, gamma, beta, mask): output [B, S, H], mask_index [B] int32. Embedding tables are weights.
 */
final class EmbedLayerNormRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(new OpKey(Domains.MICROSOFT, "EmbedLayerNormalization", 1));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape ids = ctx.input(0).shape();
        Shape table = ctx.input(2).shape();
        Dim h = table.hasRank() && table.rank() == 2 ? table.dim(1) : Dim.UNKNOWN;
        Dim b = ids.hasRank() && ids.rank() == 2 ? ids.dim(0) : Dim.UNKNOWN;
        Dim s = ids.hasRank() && ids.rank() == 2 ? ids.dim(1) : Dim.UNKNOWN;
        ctx.setOutput(0, new TensorType(ctx.input(2).dtype(), Shape.of(List.of(b, s, h))));
        ctx.setOutput(1, new TensorType(DType.INT32, Shape.of(List.of(b))));
        ctx.setOutput(2, new TensorType(ctx.input(2).dtype(), Shape.of(List.of(b, s, h))));
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return switch (index) {
            case 2, 3, 4 -> TensorRole.WEIGHT;
            case 5, 6 -> TensorRole.NORM_SCALE_SHIFT;
            default -> TensorRole.CONSTANT;
        };
    }

    @Override
    public String shapeRule() {
        return "[B, S, H] from input_ids [B, S] and word_embedding [V, H]; mask_index [B] int32";
    }
}
