package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.SequenceValue;

import java.util.ArrayList;
import java.util.List;

/**
 * SplitToSequence along {@code axis}: by the sizes in {@code split}, in chunks of a scalar {@code split}
 * (the last may be smaller), or without it into size-1 pieces, the axis dropped unless keepdims.
 */
final class SplitToSequenceRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("SplitToSequence"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        Shape s = x.shape();
        if (!s.hasRank()) {
            ctx.setOutputSequence(0, SequenceValue.ofUnknownLength(x));
            return;
        }
        int axis = DimMath.axis(ctx.node().intAttr("axis", 0), s.rank());
        Dim total = s.dim(axis);
        List<TensorType> parts = new ArrayList<>();
        if (!ctx.hasInput(1)) {
            boolean keep = ctx.node().intAttr("keepdims", 1) != 0;
            TensorType piece = new TensorType(x.dtype(), keep ? s.with(axis, Dim.of(1)) : drop(s, axis));
            if (!total.isFixed()) {
                ctx.setOutputSequence(0, SequenceValue.ofUnknownLength(piece));
                return;
            }
            for (long i = 0; i < total.size(); i++) {
                parts.add(piece);
            }
        } else {
            var split = ctx.inputValues(1);
            if (split.isEmpty()
                    || !total.isFixed()
                            && ctx.input(1).shape().hasRank()
                            && ctx.input(1).shape().rank() == 0) {
                ctx.setOutputSequence(
                        0, SequenceValue.ofUnknownLength(new TensorType(x.dtype(), s.with(axis, Dim.UNKNOWN))));
                return;
            }
            long[] sizes = split.get().asLongs();
            if (ctx.input(1).shape().hasRank() && ctx.input(1).shape().rank() == 0) {
                long chunk = sizes[0];
                for (long left = total.size(); left > 0; left -= chunk) {
                    parts.add(new TensorType(x.dtype(), s.with(axis, Dim.of(Math.min(chunk, left)))));
                }
            } else {
                for (long size : sizes) {
                    parts.add(new TensorType(x.dtype(), s.with(axis, Dim.of(size))));
                }
            }
        }
        ctx.setOutputSequence(0, SequenceValue.ofElements(parts, x));
    }

    private static Shape drop(Shape s, int axis) {
        List<Dim> d = new ArrayList<>(s.dims());
        d.remove(axis);
        return Shape.of(d);
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? null : TensorRole.CONSTANT;
    }

    @Override
    public String shapeRule() {
        return "a sequence of the pieces (size-1 pieces without split, axis dropped unless keepdims)";
    }
}
