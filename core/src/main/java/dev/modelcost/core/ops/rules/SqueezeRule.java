package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Squeeze and Unsqueeze: axes from the attribute (before opset 13) or the second input. A view. */
final class SqueezeRule implements OpRule {
    private final boolean unsqueeze;

    private final List<OpKey> keys;

    private SqueezeRule(String opType, boolean unsqueeze) {
        this.keys = List.of(OpKey.onnx(opType), OpKey.onnx(opType, 13)); // axes become an input at 13
        this.unsqueeze = unsqueeze;
    }

    static SqueezeRule squeeze() {
        return new SqueezeRule("Squeeze", false);
    }

    static SqueezeRule unsqueeze() {
        return new SqueezeRule("Unsqueeze", true);
    }

    @Override
    public List<OpKey> keys() {
        return keys;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape x = ctx.input(0).shape();
        long[] axes = ctx.node().intsAttr("axes").orElse(null);
        if (axes == null && ctx.hasInput(1)) {
            axes = ctx.inputValues(1).map(ConstantValues::asLongs).orElse(null);
            if (axes == null) {
                ctx.diagnose("axes computed at run time; output shape unknown");
                ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.UNKNOWN_RANK));
                return;
            }
        }
        if (!x.hasRank()) {
            ctx.setOutput(0, ctx.input(0));
            return;
        }
        Shape out = unsqueeze ? unsqueeze(x, axes) : squeeze(x, axes);
        ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), out));
        ctx.inputValues(0).ifPresent(v -> ctx.setOutputValues(0, v));
        ctx.inputDims(0).ifPresent(d -> ctx.setOutputDims(0, d));
    }

    private static Shape unsqueeze(Shape x, long[] axes) {
        int rank = x.rank() + axes.length;
        boolean[] inserted = new boolean[rank];
        for (long a : axes) {
            inserted[DimMath.axis(a, rank)] = true;
        }
        List<Dim> out = new ArrayList<>(rank);
        int j = 0;
        for (int i = 0; i < rank; i++) {
            out.add(inserted[i] ? Dim.of(1) : x.dim(j++));
        }
        return Shape.of(out);
    }

    private static Shape squeeze(Shape x, long[] axes) {
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < x.rank(); i++) {
            final int axis = i;
            boolean drop = axes == null
                    ? x.dim(i).isFixed() && x.dim(i).size() == 1
                    : Arrays.stream(axes).anyMatch(a -> DimMath.axis(a, x.rank()) == axis);
            if (!drop) {
                out.add(x.dim(i));
            }
        }
        return Shape.of(out);
    }

    @Override
    public Allocation allocation() {
        return Allocation.VIEW;
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 1 ? TensorRole.CONSTANT : null;
    }

    /** A view: its gradient is the output gradient reshaped. */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return BackwardSaves.NOTHING;
    }

    @Override
    public String shapeRule() {
        return "dims of size 1 removed / inserted at axes (attribute before 13, input after)";
    }
}
