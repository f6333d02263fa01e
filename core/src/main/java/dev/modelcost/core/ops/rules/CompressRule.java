package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * Compress: keeps the slices along {@code axis} (or of the flattened input) where the condition is true.
 * The kept count depends on data: exact when the condition's values are known, else unknown with a diagnostic.
 */
final class CompressRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("Compress"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        var condition = ctx.inputValues(1);
        Dim kept = Dim.UNKNOWN;
        if (condition.isPresent()) {
            long[] c = condition.get().asLongs();
            long n = 0;
            for (long v : c) {
                n += v != 0 ? 1 : 0;
            }
            kept = Dim.of(n);
        } else {
            ctx.diagnose("the number of kept elements depends on the condition's values; unknown");
        }
        var axis = ctx.node().intAttr("axis");
        if (axis.isEmpty()) {
            ctx.setOutput(0, new TensorType(x.dtype(), Shape.of(List.of(kept))));
        } else if (x.shape().hasRank()) {
            ctx.setOutput(
                    0,
                    new TensorType(
                            x.dtype(),
                            x.shape()
                                    .with(
                                            DimMath.axis(
                                                    axis.getAsLong(), x.shape().rank()),
                                            kept)));
        } else {
            ctx.setOutput(0, x);
        }
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 1 ? TensorRole.CONSTANT : null;
    }

    @Override
    public String shapeRule() {
        return "axis dim (or flattened length) = number of true conditions when known, else unknown";
    }
}
