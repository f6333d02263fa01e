package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/** GatherElements: the output has the indices' shape and the data's element type. */
final class GatherElementsRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("GatherElements"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), ctx.input(1).shape()));
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 1 ? TensorRole.CONSTANT : null;
    }

    @Override
    public String shapeRule() {
        return "the shape of the indices";
    }
}
