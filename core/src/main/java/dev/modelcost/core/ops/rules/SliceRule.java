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

import java.util.ArrayList;
import java.util.List;

/**
 * Slice: starts/ends/axes as attributes (opset 1–9) or inputs with optional steps (opset 10+). Starts and
 * ends are clamped as the specification says; known values are sliced too (shape chains, constant pads).
 */
final class SliceRule implements OpRule {
    private final boolean fromInputs;

    private SliceRule(boolean fromInputs) {
        this.fromInputs = fromInputs;
    }

    /** Slice-1: starts, ends and axes are attributes. */
    static SliceRule fromAttributes() {
        return new SliceRule(false);
    }

    /** Slice-10 on: starts, ends, axes and steps are inputs. */
    static SliceRule fromInputs() {
        return new SliceRule(true);
    }

    @Override
    public List<OpKey> keys() {
        return List.of(fromInputs ? OpKey.onnx("Slice", 10) : OpKey.onnx("Slice"));
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        Shape s = x.shape();
        long[] starts = param(ctx, "starts", 1);
        long[] ends = param(ctx, "ends", 2);
        if (!s.hasRank() || starts == null || ends == null) {
            if (s.hasRank()) {
                ctx.diagnose("starts or ends computed at run time; sliced dimensions unknown");
            }
            ctx.setOutput(0, new TensorType(x.dtype(), s.hasRank() ? Shape.unknownOfRank(s.rank()) : s));
            return;
        }
        long[] axes = param(ctx, "axes", 3);
        long[] steps = fromInputs ? param(ctx, "steps", 4) : null;
        if (fromInputs && (ctx.hasInput(3) && axes == null || ctx.hasInput(4) && steps == null)) {
            ctx.diagnose("axes or steps computed at run time; output dimensions unknown");
            ctx.setOutput(0, new TensorType(x.dtype(), Shape.unknownOfRank(s.rank())));
            return;
        }
        List<Dim> out = new ArrayList<>(s.dims());
        long[][] ranges = new long[s.rank()][];
        for (int i = 0; i < starts.length; i++) {
            int axis = DimMath.axis(axes == null ? i : axes[i], s.rank());
            long step = steps == null ? 1 : steps[i];
            if (step == 0) {
                throw new RuleCannotTell("slice step 0");
            }
            Dim d = s.dim(axis);
            if (!d.isFixed()) {
                out.set(axis, Dim.UNKNOWN);
                continue;
            }
            long[] r = range(starts[i], ends[i], step, d.size());
            ranges[axis] = r;
            out.set(axis, Dim.of(Math.max(0, Math.floorDiv(r[1] - r[0] + step + (step > 0 ? -1 : 1), step))));
        }
        Shape result = Shape.of(out);
        ctx.setOutput(0, new TensorType(x.dtype(), result));
        var values = ctx.inputValues(0);
        var dims = ctx.inputDims(0);
        if (values.isEmpty() && dims.isPresent() && s.rank() == 1 && result.isFullyKnown()) {
            long[] r = ranges[0] == null ? new long[] {0, s.dim(0).size(), 1} : ranges[0];
            List<Dim> picked = new ArrayList<>();
            for (int k = 0; k < result.dim(0).size(); k++) {
                picked.add(dims.get().get((int) (r[0] + k * r[2])));
            }
            ctx.setOutputDims(0, picked);
        }
        if (values.isPresent() && s.rank() > 1 && result.isFullyKnown()) {
            NdValues.rearrange(values.get(), s, result, (o, in) -> {
                        for (int a = 0; a < o.length; a++) {
                            in[a] = ranges[a] == null ? o[a] : ranges[a][0] + o[a] * ranges[a][2];
                        }
                    })
                    .ifPresent(v -> ctx.setOutputValues(0, v));
        }
        if (values.isPresent()
                && s.rank() == 1
                && result.isFullyKnown()
                && !values.get().isString()) {
            long[] r = ranges[0] == null ? new long[] {0, s.dim(0).size(), 1} : ranges[0];
            int n = (int) result.dim(0).size();
            long[] idx = new long[n];
            for (int k = 0; k < n; k++) {
                idx[k] = r[0] + k * r[2];
            }
            ConstantValues v = values.get();
            if (v.isInteger()) {
                long[] o = new long[n];
                for (int k = 0; k < n; k++) {
                    o[k] = v.longAt((int) idx[k]);
                }
                ctx.setOutputValues(0, ConstantValues.ofLongs(o));
            } else {
                double[] o = new double[n];
                for (int k = 0; k < n; k++) {
                    o[k] = v.doubleAt((int) idx[k]);
                }
                ctx.setOutputValues(0, ConstantValues.ofDoubles(o));
            }
        }
    }

    /** Effective {start, end, step} on a dimension of {@code size}, clamped per the specification. */
    static long[] range(long start, long end, long step, long size) {
        if (start < 0) {
            start += size;
        }
        if (end < 0) {
            end += size;
        }
        if (step > 0) {
            start = Math.max(0, Math.min(size, start));
            end = Math.max(0, Math.min(size, end));
        } else {
            start = Math.max(0, Math.min(size - 1, start));
            end = Math.max(-1, Math.min(size - 1, end));
        }
        return new long[] {start, end, step};
    }

    private long[] param(InferenceContext ctx, String name, int input) {
        if (!fromInputs) {
            return ctx.node().intsAttr(name).orElse(null);
        }
        return ctx.hasInput(input)
                ? ctx.inputValues(input).map(ConstantValues::asLongs).orElse(null)
                : null;
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? null : TensorRole.CONSTANT;
    }

    @Override
    public String shapeRule() {
        return "per axis ceil((end - start) / step) after clamping; known values sliced";
    }
}
