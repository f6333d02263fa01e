package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.SequenceValue;

import java.util.ArrayList;
import java.util.List;

/** ConcatFromSequence: the elements concatenated along {@code axis}, or stacked on a new axis (new_axis = 1). */
final class ConcatFromSequenceRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("ConcatFromSequence"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        SequenceValue s = ctx.inputSequence(0).orElse(SequenceValue.ofUnknownLength(TensorType.UNKNOWN));
        TensorType e = s.elementType();
        boolean newAxis = ctx.node().intAttr("new_axis", 0) != 0;
        if (!e.shape().hasRank()) {
            ctx.setOutput(0, new TensorType(e.dtype(), Shape.UNKNOWN_RANK));
            return;
        }
        int rank = e.shape().rank() + (newAxis ? 1 : 0);
        int axis = DimMath.axis(ctx.node().intAttr("axis", 0), rank);
        if (newAxis) {
            List<Dim> d = new ArrayList<>(e.shape().dims());
            d.add(axis, s.lengthKnown() ? Dim.of(s.elements().size()) : Dim.UNKNOWN);
            ctx.setOutput(0, new TensorType(e.dtype(), Shape.of(d)));
            return;
        }
        Dim total = Dim.of(0);
        if (s.lengthKnown()) {
            for (TensorType t : s.elements()) {
                total = t.shape().hasRank() ? DimMath.add(total, t.shape().dim(axis)) : Dim.UNKNOWN;
            }
        } else {
            total = Dim.UNKNOWN;
        }
        ctx.setOutput(0, new TensorType(e.dtype(), e.shape().with(axis, total)));
    }

    @Override
    public String shapeRule() {
        return "elements concatenated along axis, or stacked on a new axis";
    }
}
