package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/** TopK: values and int64 indices with the {@code axis} dimension set to K (attribute k before opset 10, input 1 after). */
final class TopKRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("TopK"), OpKey.onnx("TopK", 10));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        if (!x.shape().hasRank()) {
            ctx.setOutput(0, x);
            ctx.setOutput(1, new TensorType(DType.INT64, x.shape()));
            return;
        }
        int axis = DimMath.axis(ctx.node().intAttr("axis", -1), x.shape().rank());
        var kAttr = ctx.node().intAttr("k");
        Dim k = kAttr.isPresent()
                ? Dim.of(kAttr.getAsLong())
                : ctx.inputValues(1).map(v -> Dim.of(v.longAt(0))).orElse(Dim.UNKNOWN);
        if (!k.isFixed()) {
            ctx.diagnose("K computed at run time; output dimension unknown");
        }
        ctx.setOutput(0, new TensorType(x.dtype(), x.shape().with(axis, k)));
        ctx.setOutput(1, new TensorType(DType.INT64, x.shape().with(axis, k)));
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? null : TensorRole.CONSTANT;
    }

    @Override
    public String shapeRule() {
        return "axis dim = K, values and int64 indices";
    }
}
