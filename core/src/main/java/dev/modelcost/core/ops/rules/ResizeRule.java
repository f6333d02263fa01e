package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resize and Upsample: each output dim is floor(input dim × scale), or the given size. Where the scales
 * and sizes come from depends on the version: Upsample-7 the {@code scales} attribute, Upsample-9 and
 * Resize-10 input 1, Resize-11+ input 2 (scales) or 3 (sizes), Resize-18 optionally for {@code axes} only,
 * with keep_aspect_ratio_policy.
 */
final class ResizeRule implements OpRule {
    private final List<OpKey> keys;
    private final int scalesInput;
    private final int sizesInput;

    /** Input positions of scales and sizes; -1 where that version has none (scales -1: the attribute). */
    private ResizeRule(List<OpKey> keys, int scalesInput, int sizesInput) {
        this.keys = keys;
        this.scalesInput = scalesInput;
        this.sizesInput = sizesInput;
    }

    /** Upsample-7: scales is an attribute. */
    static ResizeRule scalesAttribute() {
        return new ResizeRule(List.of(OpKey.onnx("Upsample", 7)), -1, -1);
    }

    /** Upsample-9, Resize-10: scales is input 1. */
    static ResizeRule scalesInput() {
        return new ResizeRule(List.of(OpKey.onnx("Upsample", 9), OpKey.onnx("Resize", 10)), 1, -1);
    }

    /** Resize-11 on: roi, then scales (input 2) or sizes (input 3). */
    static ResizeRule scalesOrSizes() {
        return new ResizeRule(List.of(OpKey.onnx("Resize", 11), OpKey.onnx("Resize", 18)), 2, 3);
    }

    @Override
    public List<OpKey> keys() {
        return keys;
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        Shape s = x.shape();
        if (!s.hasRank()) {
            ctx.setOutput(0, x);
            return;
        }
        int rank = s.rank();
        long[] axes = ctx.node().intsAttr("axes").orElse(null);
        if (axes == null) {
            axes = new long[rank];
            for (int i = 0; i < rank; i++) {
                axes[i] = i;
            }
        }
        List<Dim> out = new ArrayList<>(s.dims());
        var sizes = sizesInput >= 0 && ctx.hasInput(sizesInput)
                ? ctx.inputValues(sizesInput)
                : Optional.<dev.modelcost.core.ir.ConstantValues>empty();
        if (sizes.isPresent() && sizes.get().size() > 0) {
            applySizes(ctx, s, axes, sizes.get().asLongs(), out);
        } else {
            double[] scales = scales(ctx);
            if (scales == null) {
                ctx.diagnose("scales or sizes computed at run time; resized dimensions unknown");
                ctx.setOutput(0, new TensorType(x.dtype(), Shape.unknownOfRank(rank)));
                return;
            }
            for (int i = 0; i < axes.length; i++) {
                int a = DimMath.axis(axes[i], rank);
                Dim d = s.dim(a);
                out.set(
                        a,
                        d.isFixed()
                                ? Dim.of((long) Math.floor(d.size() * scales[i] + 1e-9))
                                : scales[i] == 1.0 ? d : Dim.UNKNOWN);
            }
        }
        ctx.setOutput(0, new TensorType(x.dtype(), Shape.of(out)));
    }

    private static void applySizes(InferenceContext ctx, Shape s, long[] axes, long[] sizes, List<Dim> out) {
        String policy = ctx.node().stringAttr("keep_aspect_ratio_policy").orElse("stretch");
        if (policy.equals("stretch")) {
            for (int i = 0; i < axes.length; i++) {
                out.set(DimMath.axis(axes[i], s.rank()), Dim.of(sizes[i]));
            }
            return;
        }
        double scale = policy.equals("not_larger") ? Double.MAX_VALUE : 0;
        for (int i = 0; i < axes.length; i++) {
            Dim d = s.dim(DimMath.axis(axes[i], s.rank()));
            if (!d.isFixed()) {
                out.set(DimMath.axis(axes[i], s.rank()), Dim.UNKNOWN);
                return;
            }
            double r = (double) sizes[i] / d.size();
            scale = policy.equals("not_larger") ? Math.min(scale, r) : Math.max(scale, r);
        }
        for (long axis : axes) {
            int a = DimMath.axis(axis, s.rank());
            out.set(a, Dim.of(Math.round(s.dim(a).size() * scale)));
        }
    }

    private double[] scales(InferenceContext ctx) {
        if (scalesInput < 0) {
            return ctx.node().attr("scales").orElse(null) instanceof Attr.Floats f
                    ? f.values().stream().mapToDouble(Double::doubleValue).toArray()
                    : null;
        }
        return ctx.hasInput(scalesInput)
                ? ctx.inputValues(scalesInput).map(v -> v.asDoubles()).orElse(null)
                : null;
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? null : TensorRole.CONSTANT;
    }

    @Override
    public String costFormula() {
        return "0 MACs (interpolation is not counted as multiply-accumulates)";
    }

    @Override
    public String shapeRule() {
        return "floor(D * scale) or the given sizes (per axes at 18, with keep_aspect_ratio_policy)";
    }
}
