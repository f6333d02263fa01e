package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Unique: Y, indices, inverse_indices, counts. How many unique elements (or slices along {@code axis})
 * there are depends on data: exact when the input's values are known, else unknown with a diagnostic.
 */
final class UniqueRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("Unique"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        Shape s = x.shape();
        var axisAttr = ctx.node().intAttr("axis");
        Integer axis = axisAttr.isPresent() && s.hasRank() ? DimMath.axis(axisAttr.getAsLong(), s.rank()) : null;
        Dim k = count(ctx.inputValues(0).orElse(null), s, axis);
        if (!k.isFixed()) {
            ctx.diagnose("the number of unique elements depends on data; unknown");
        }
        Dim n = axis == null
                ? (s.elementCount().isPresent() ? Dim.of(s.elementCount().getAsLong()) : Dim.UNKNOWN)
                : s.dim(axis);
        ctx.setOutput(0, new TensorType(x.dtype(), axis == null ? Shape.of(List.of(k)) : s.with(axis, k)));
        ctx.setOutput(1, new TensorType(DType.INT64, Shape.of(List.of(k))));
        ctx.setOutput(2, new TensorType(DType.INT64, Shape.of(List.of(n))));
        ctx.setOutput(3, new TensorType(DType.INT64, Shape.of(List.of(k))));
    }

    private static Dim count(ConstantValues v, Shape s, Integer axis) {
        if (v == null || v.isString() || !s.isFullyKnown()) {
            return Dim.UNKNOWN;
        }
        if (axis == null) {
            Set<Double> seen = new HashSet<>();
            for (int i = 0; i < v.size(); i++) {
                seen.add(v.doubleAt(i));
            }
            return Dim.of(seen.size());
        }
        long[] sizes = s.sizes();
        long[] strides = ValueMath.strides(sizes);
        Set<List<Double>> slices = new HashSet<>();
        for (long a = 0; a < sizes[axis]; a++) {
            List<Double> slice = new ArrayList<>();
            for (int flat = 0; flat < v.size(); flat++) {
                if ((flat / strides[axis]) % sizes[axis] == a) {
                    slice.add(v.doubleAt(flat));
                }
            }
            slices.add(slice);
        }
        return Dim.of(slices.size());
    }

    @Override
    public String shapeRule() {
        return "[k] (or axis dim k), inverse [n]; k counted when values are known, else unknown";
    }
}
