package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/** Flatten to 2-D at {@code axis} (default 1): a view. */
final class FlattenRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("Flatten"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape x = ctx.input(0).shape();
        if (!x.hasRank()) {
            ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.unknownOfRank(2)));
            return;
        }
        long a = ctx.node().intAttr("axis", 1);
        int axis = (int) (a < 0 ? a + x.rank() : a);
        ctx.setOutput(
                0,
                new TensorType(
                        ctx.input(0).dtype(),
                        Shape.of(List.of(DimMath.product(x, 0, axis), DimMath.product(x, axis, x.rank())))));
    }

    @Override
    public Allocation allocation() {
        return Allocation.VIEW;
    }

    /** A view: its gradient is the output gradient reshaped. */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return BackwardSaves.NOTHING;
    }

    @Override
    public String shapeRule() {
        return "[prod(dims[:axis]), prod(dims[axis:])]";
    }
}
