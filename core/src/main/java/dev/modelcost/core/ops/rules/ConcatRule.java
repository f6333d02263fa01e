package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Concat along {@code axis}; concatenated 1-D integer values are carried (shape building). */
final class ConcatRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("Concat"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape first = null;
        for (int i = 0; i < ctx.inputCount(); i++) {
            if (ctx.input(i).shape().hasRank()) {
                first = ctx.input(i).shape();
                break;
            }
        }
        if (first == null) {
            ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.UNKNOWN_RANK));
            return;
        }
        int axis = DimMath.axis(ctx.node().intAttr("axis", 0), first.rank());
        List<Dim> out = new ArrayList<>(first.dims());
        Dim total = Dim.of(0);
        for (int i = 0; i < ctx.inputCount(); i++) {
            Shape s = ctx.input(i).shape();
            total = s.hasRank() ? DimMath.add(total, s.dim(axis)) : Dim.UNKNOWN;
            if (s.hasRank()) {
                for (int d = 0; d < out.size(); d++) {
                    if (d != axis && !out.get(d).isFixed() && s.dim(d).isFixed()) {
                        out.set(d, s.dim(d));
                    }
                }
            }
        }
        out.set(axis, total);
        ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.of(out)));
        concatValues(ctx);
    }

    private static void concatValues(InferenceContext ctx) {
        List<Dim> all = new ArrayList<>();
        for (int i = 0; i < ctx.inputCount(); i++) {
            Optional<List<Dim>> v = ctx.inputDims(i);
            if (v.isEmpty()) {
                concatFloats(ctx);
                return;
            }
            all.addAll(v.get());
        }
        ctx.setOutputDims(0, all);
    }

    /** Small known floating values (Resize scales built from a computed ratio) concatenated as they are. */
    private static void concatFloats(InferenceContext ctx) {
        double[] all = new double[0];
        for (int i = 0; i < ctx.inputCount(); i++) {
            Optional<ConstantValues> v = ctx.inputValues(i);
            if (v.isEmpty() || v.get().isInteger() || v.get().isString()) {
                return;
            }
            int from = all.length;
            all = Arrays.copyOf(all, from + v.get().size());
            for (int k = 0; k < v.get().size(); k++) {
                all[from + k] = v.get().doubleAt(k);
            }
        }
        if (all.length <= ConstantValues.MAX_ELEMENTS) {
            ctx.setOutputValues(0, ConstantValues.ofDoubles(all));
        }
    }

    /** The gradient is split by the known input sizes; no values are kept. */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return BackwardSaves.NOTHING;
    }

    @Override
    public String shapeRule() {
        return "sum of the axis dims; other dims from any input; small known values concatenated";
    }
}
