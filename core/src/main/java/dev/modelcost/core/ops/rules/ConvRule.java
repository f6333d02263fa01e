package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Conv: X [N, C, D1..Dk], W [M, C/group, k1..kk], optional bias B [M]. */
final class ConvRule implements OpRule {
    private final List<OpKey> keys;

    /** Serves no key: the convolution inside a quantized op. */
    ConvRule() {
        this(List.of());
    }

    private ConvRule(List<OpKey> keys) {
        this.keys = keys;
    }

    static ConvRule onnx() {
        return new ConvRule(List.of(OpKey.onnx("Conv")));
    }

    /** onnxruntime's FusedConv: the same op with a fused activation. */
    static ConvRule contribFused() {
        return new ConvRule(List.of(new OpKey(Domains.MICROSOFT, "FusedConv", 1)));
    }

    @Override
    public List<OpKey> keys() {
        return keys;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape x = ctx.input(0).shape();
        Shape w = ctx.input(1).shape();
        if (!x.hasRank()) {
            ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.UNKNOWN_RANK));
            return;
        }
        int spatial = x.rank() - 2;
        if (spatial < 0) {
            throw new RuleCannotTell("input of rank " + x.rank() + " has no spatial axes");
        }
        List<Dim> out = new ArrayList<>();
        out.add(x.dim(0));
        out.add(w.hasRank() && w.rank() > 0 ? w.dim(0) : Dim.UNKNOWN);
        long[] kernel = kernelShape(ctx, spatial);
        if (kernel != null && kernel.length != spatial) {
            throw new RuleCannotTell("kernel_shape has " + kernel.length + " entries for " + spatial + " spatial axes");
        }
        for (int i = 0; i < spatial; i++) {
            out.add(
                    kernel == null
                            ? Dim.UNKNOWN
                            : Windows.outputDim(ctx.node(), x.dim(i + 2), i, spatial, kernel[i], false));
        }
        ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.of(out)));
    }

    private static long[] kernelShape(NodeContext ctx, int spatial) {
        var attr = ctx.node().intsAttr("kernel_shape");
        if (attr.isPresent()) {
            if (attr.get().length != spatial) {
                throw new RuleCannotTell(
                        "kernel_shape has " + attr.get().length + " values for " + spatial + " spatial axes");
            }
            return attr.get();
        }
        Shape w = ctx.input(1).shape();
        if (!w.hasRank() || w.rank() != spatial + 2) {
            return null;
        }
        long[] k = new long[spatial];
        for (int i = 0; i < spatial; i++) {
            if (!w.dim(i + 2).isFixed()) {
                return null;
            }
            k[i] = w.dim(i + 2).size();
        }
        return k;
    }

    /** Output elements × (input channels / group × kernel volume); bias adds are not counted. */
    @Override
    public OptionalLong macs(NodeContext ctx) {
        OptionalLong outElements = ctx.output(0).shape().elementCount();
        OptionalLong weightElements = ctx.input(1).shape().elementCount();
        Shape w = ctx.input(1).shape();
        if (outElements.isEmpty()
                || weightElements.isEmpty()
                || w.rank() == 0
                || w.dim(0).size() == 0) {
            return OptionalLong.empty();
        }
        long perOutput = weightElements.getAsLong() / w.dim(0).size();
        return OptionalLong.of(Math.multiplyExact(outElements.getAsLong(), perOutput));
    }

    @Override
    public String costFormula() {
        return "output elements × (C_in / group) × kernel volume";
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return switch (index) {
            case 1 -> TensorRole.WEIGHT;
            case 2 -> TensorRole.BIAS;
            default -> null;
        };
    }

    /** Keeps its activation input for the weight gradient (the weight itself is resident). */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return BackwardSaves.INPUTS;
    }

    @Override
    public String shapeRule() {
        return "[N, M, floor((D + pads - dilation*(k-1) - 1) / stride) + 1 ...]; auto_pad SAME: ceil(D / stride)";
    }
}
