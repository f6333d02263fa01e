package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongBinaryOperator;

/**
 * Reductions (ReduceSum, ReduceMean, ReduceMax, ..., ArgMax, ArgMin): the reduced axes become 1 (keepdims)
 * or disappear. Axes come from the attribute, or from input 1 where the version says so (ReduceSum from
 * opset 13, the others from 18); no axes means all, unless noop_with_empty_axes. ArgMax/ArgMin reduce one
 * {@code axis} (default 0) to int64. Full reductions of small known integer vectors are evaluated, and Max and Min
 * of small known floating vectors (a resize ratio computed from an image's size).
 */
final class ReduceRule implements OpRule {
    private final OpKey key;
    private final boolean axesFromInput;
    private final boolean arg;
    private final LongBinaryOperator fold;
    /** Max and Min pick one of the values, so small known floating values are evaluated exactly too. */
    private final boolean selects;

    private ReduceRule(OpKey key, boolean axesFromInput, boolean arg, LongBinaryOperator fold) {
        this.key = key;
        this.axesFromInput = axesFromInput;
        this.arg = arg;
        this.fold = fold;
        this.selects = key.opType().equals("ReduceMax") || key.opType().equals("ReduceMin");
    }

    /**
     * Every reduction of the default domain: axes are an attribute until ReduceSum-13 and the others' version 18,
     * then an input. Sum, Prod, Max and Min of small known integers are evaluated.
     */
    static List<ReduceRule> onnx() {
        List<ReduceRule> rules = new ArrayList<>();
        evaluated(rules, "ReduceSum", 13, Math::addExact);
        evaluated(rules, "ReduceProd", 18, Math::multiplyExact);
        evaluated(rules, "ReduceMax", 18, Math::max);
        evaluated(rules, "ReduceMin", 18, Math::min);
        for (String op :
                new String[] {"ReduceMean", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare"
                }) {
            evaluated(rules, op, 18, null);
        }
        rules.add(new ReduceRule(OpKey.onnx("ArgMax"), false, true, null));
        rules.add(new ReduceRule(OpKey.onnx("ArgMin"), false, true, null));
        return List.copyOf(rules);
    }

    private static void evaluated(List<ReduceRule> rules, String op, int axesInputSince, LongBinaryOperator fold) {
        rules.add(new ReduceRule(OpKey.onnx(op), false, false, fold));
        rules.add(new ReduceRule(OpKey.onnx(op, axesInputSince), true, false, fold));
    }

    @Override
    public List<OpKey> keys() {
        return List.of(key);
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        DType dtype = arg ? DType.INT64 : x.dtype();
        Shape s = x.shape();
        boolean keep = ctx.node().intAttr("keepdims", 1) != 0;
        long[] axes;
        if (arg) {
            axes = new long[] {ctx.node().intAttr("axis", 0)};
        } else if (axesFromInput && ctx.hasInput(1)) {
            var v = ctx.inputValues(1);
            if (v.isEmpty()) {
                ctx.diagnose("axes computed at run time; output dimensions unknown");
                ctx.setOutput(
                        0,
                        new TensorType(
                                dtype, keep && s.hasRank() ? Shape.unknownOfRank(s.rank()) : Shape.UNKNOWN_RANK));
                return;
            }
            axes = v.get().asLongs();
        } else {
            axes = axesFromInput ? new long[0] : ctx.node().intsAttr("axes").orElse(new long[0]);
        }
        if (!s.hasRank()) {
            ctx.setOutput(0, new TensorType(dtype, s));
            return;
        }
        if (axes.length == 0) {
            if (ctx.node().intAttr("noop_with_empty_axes", 0) != 0) {
                ctx.setOutput(0, x);
                ctx.inputValues(0).ifPresent(v -> ctx.setOutputValues(0, v));
                return;
            }
            axes = new long[s.rank()];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i;
            }
        }
        boolean[] reduced = new boolean[s.rank()];
        for (long a : axes) {
            reduced[DimMath.axis(a, s.rank())] = true;
        }
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            if (!reduced[i]) {
                out.add(s.dim(i));
            } else if (keep) {
                out.add(Dim.of(1));
            }
        }
        Shape result = Shape.of(out);
        ctx.setOutput(0, new TensorType(dtype, result));
        var v = ctx.inputValues(0);
        if (fold != null
                && v.isPresent()
                && v.get().isInteger()
                && s.rank() == 1
                && reduced[0]
                && v.get().size() > 0) {
            long acc = v.get().longAt(0);
            for (int i = 1; i < v.get().size(); i++) {
                acc = fold.applyAsLong(acc, v.get().longAt(i));
            }
            ctx.setOutputValues(0, ConstantValues.ofLongs(acc));
        } else if (selects
                && v.isPresent()
                && !v.get().isInteger()
                && !v.get().isString()
                && s.rank() == 1
                && reduced[0]
                && v.get().size() > 0) {
            double acc = v.get().doubleAt(0);
            for (int i = 1; i < v.get().size(); i++) {
                acc = key.opType().equals("ReduceMax")
                        ? Math.max(acc, v.get().doubleAt(i))
                        : Math.min(acc, v.get().doubleAt(i));
            }
            ctx.setOutputValues(0, ConstantValues.ofDoubles(acc));
        }
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? null : TensorRole.CONSTANT;
    }

    @Override
    public String costFormula() {
        return "0 MACs (reductions are not counted as multiply-accumulates)";
    }

    @Override
    public String shapeRule() {
        return "reduced axes kept as 1 (keepdims) or removed; no axes = all unless noop_with_empty_axes; Arg*: int64";
    }
}
