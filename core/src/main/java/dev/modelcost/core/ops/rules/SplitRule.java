package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.List;

/**
 * Split along {@code axis}: sizes from the {@code split} attribute (before opset 13) or input (13+), else
 * equal parts, one per output (num_outputs at opset 18: the last part takes the remainder).
 */
final class SplitRule implements OpRule {
    private static final List<OpKey> KEYS =
            List.of(OpKey.onnx("Split"), OpKey.onnx("Split", 13), OpKey.onnx("Split", 18));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        int outputs = ctx.node().outputs().size();
        if (!x.shape().hasRank()) {
            for (int i = 0; i < outputs; i++) {
                ctx.setOutput(i, x);
            }
            return;
        }
        Shape s = x.shape();
        int axis = DimMath.axis(ctx.node().intAttr("axis", 0), s.rank());
        long[] split = sizes(ctx, s.dim(axis), outputs);
        for (int i = 0; i < outputs; i++) {
            ctx.setOutput(i, new TensorType(x.dtype(), s.with(axis, split == null ? Dim.UNKNOWN : Dim.of(split[i]))));
        }
        if (split != null && s.rank() == 1) {
            splitValues(ctx, split);
        }
    }

    /** A shape vector split into its parts ([h, w, c] into [h], [w], [c]): each part keeps its values or dims. */
    private static void splitValues(InferenceContext ctx, long[] split) {
        var dims = ctx.inputDims(0);
        if (dims.isEmpty()) {
            return;
        }
        long total = 0;
        for (long part : split) {
            if (part < 0 || part > dims.get().size()) {
                return;
            }
            total += part;
        }
        if (dims.get().size() != total) {
            return;
        }
        int from = 0;
        for (int i = 0; i < split.length; i++) {
            ctx.setOutputDims(i, dims.get().subList(from, from + (int) split[i]));
            from += (int) split[i];
        }
    }

    static long[] sizes(InferenceContext ctx, Dim total, int outputs) {
        long[] split = ctx.node().intsAttr("split").orElse(null);
        if (split == null && ctx.hasInput(1)) {
            split = ctx.inputValues(1).map(ConstantValues::asLongs).orElse(null);
            if (split == null) {
                ctx.diagnose("split sizes computed at run time; output dimensions unknown");
            }
            return split;
        }
        if (split != null) {
            return split;
        }
        if (!total.isFixed()) {
            return null;
        }
        long parts = ctx.node().intAttr("num_outputs", outputs);
        long chunk = Windows.ceilDiv(total.size(), parts);
        long[] out = new long[outputs];
        long left = total.size();
        for (int i = 0; i < outputs; i++) {
            out[i] = Math.min(chunk, left);
            left -= out[i];
        }
        if (!ctx.node().intAttr("num_outputs").isPresent() && total.size() % outputs != 0) {
            throw new RuleCannotTell("dimension " + total + " does not split into " + outputs + " equal parts");
        }
        return out;
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? null : TensorRole.CONSTANT;
    }

    @Override
    public String shapeRule() {
        return "axis dim split by the split sizes, or equally (num_outputs at 18: last part the remainder)";
    }
}
