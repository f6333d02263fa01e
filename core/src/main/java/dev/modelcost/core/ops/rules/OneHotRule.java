package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;

/** OneHot(indices, depth, values): a new axis of size depth inserted at {@code axis} (default −1); type of values. */
final class OneHotRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("OneHot"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape idx = ctx.input(0).shape();
        var depth = ctx.inputValues(1);
        Dim d = depth.map(v -> Dim.of((long) v.doubleAt(0))).orElse(Dim.UNKNOWN);
        if (depth.isEmpty()) {
            ctx.diagnose("depth computed at run time; output dimension unknown");
        }
        if (!idx.hasRank()) {
            ctx.setOutput(0, new TensorType(ctx.input(2).dtype(), Shape.UNKNOWN_RANK));
            return;
        }
        int axis = DimMath.axis(ctx.node().intAttr("axis", -1), idx.rank() + 1);
        List<Dim> out = new ArrayList<>(idx.dims());
        out.add(axis, d);
        ctx.setOutput(0, new TensorType(ctx.input(2).dtype(), Shape.of(out)));
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? null : TensorRole.CONSTANT;
    }

    @Override
    public String shapeRule() {
        return "indices shape with depth inserted at axis";
    }
}
