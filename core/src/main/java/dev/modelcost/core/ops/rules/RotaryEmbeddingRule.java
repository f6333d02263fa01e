package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * RotaryEmbedding, ai.onnx (opset 23: X, cos_cache, sin_cache, position_ids) and com.microsoft (input,
 * position_ids, cos_cache, sin_cache): the output has X's shape. The cos/sin caches are tables computed from
 * positions, stored but not learned: constants.
 */
final class RotaryEmbeddingRule implements OpRule {
    private final boolean contrib;

    private RotaryEmbeddingRule(boolean contrib) {
        this.contrib = contrib;
    }

    static RotaryEmbeddingRule onnx() {
        return new RotaryEmbeddingRule(false);
    }

    static RotaryEmbeddingRule contrib() {
        return new RotaryEmbeddingRule(true);
    }

    @Override
    public List<OpKey> keys() {
        return List.of(
                contrib ? new OpKey(Domains.MICROSOFT, "RotaryEmbedding", 1) : OpKey.onnx("RotaryEmbedding", 23));
    }

    @Override
    public void infer(InferenceContext ctx) {
        ctx.setOutput(0, ctx.input(0));
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? null : TensorRole.CONSTANT;
    }

    @Override
    public String costFormula() {
        return "0 MACs (a rotation of pairs: elementwise, not counted)";
    }

    @Override
    public String shapeRule() {
        return "same as input 0";
    }
}
