package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * NegativeLogLikelihoodLoss(input [N, C, d...], target [N, d...], weight) and SoftmaxCrossEntropyLoss
 * (scores, labels, weights): reduction "none" gives the target's shape, "mean"/"sum" a scalar;
 * SoftmaxCrossEntropyLoss's optional log_prob output has the scores' shape.
 */
final class LossRule implements OpRule {
    private static final List<OpKey> KEYS =
            List.of(OpKey.onnx("NegativeLogLikelihoodLoss"), OpKey.onnx("SoftmaxCrossEntropyLoss"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType scores = ctx.input(0);
        boolean none = ctx.node().stringAttr("reduction").orElse("mean").equals("none");
        ctx.setOutput(0, new TensorType(scores.dtype(), none ? ctx.input(1).shape() : Shape.SCALAR));
        ctx.setOutput(1, scores);
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? null : TensorRole.CONSTANT;
    }

    @Override
    public String shapeRule() {
        return "reduction none: the shape of the target, else scalar; log_prob like the scores";
    }
}
