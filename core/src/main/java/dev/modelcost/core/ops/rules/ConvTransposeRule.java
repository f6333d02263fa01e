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

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** ConvTranspose: X [N, C, D..], W [C, M/group, k..]; output [N, M, ...]. */
final class ConvTransposeRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("ConvTranspose"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Node n = ctx.node();
        Shape x = ctx.input(0).shape();
        Shape w = ctx.input(1).shape();
        if (!x.hasRank() || !w.hasRank()) {
            ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.UNKNOWN_RANK));
            return;
        }
        int spatial = x.rank() - 2;
        long group = n.intAttr("group", 1);
        List<Dim> out = new ArrayList<>();
        out.add(x.dim(0));
        out.add(DimMath.mul(w.dim(1), Dim.of(group)));
        long[] explicit = n.intsAttr("output_shape").orElse(null);
        long[] strides = Windows.ints(n, "strides", spatial, 1);
        long[] dilations = Windows.ints(n, "dilations", spatial, 1);
        long[] outPad = Windows.ints(n, "output_padding", spatial, 0);
        long[] pads = Windows.ints(n, "pads", 2 * spatial, 0);
        String autoPad = n.stringAttr("auto_pad").orElse("NOTSET");
        for (int i = 0; i < spatial; i++) {
            Dim in = x.dim(i + 2);
            Dim k = w.dim(i + 2);
            if (explicit != null) {
                out.add(Dim.of(explicit[explicit.length - spatial + i]));
            } else if (!in.isFixed() || !k.isFixed()) {
                out.add(Dim.UNKNOWN);
            } else if (autoPad.startsWith("SAME")) {
                out.add(Dim.of(in.size() * strides[i]));
            } else {
                long size = strides[i] * (in.size() - 1)
                        + outPad[i]
                        + ((k.size() - 1) * dilations[i] + 1)
                        - pads[i]
                        - pads[i + spatial];
                out.add(Dim.of(size));
            }
        }
        ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.of(out)));
    }

    /** Input elements × (M / group) × kernel volume: every input value is scattered through the kernel. */
    @Override
    public OptionalLong macs(NodeContext ctx) {
        OptionalLong inElements = ctx.input(0).shape().elementCount();
        OptionalLong weightElements = ctx.input(1).shape().elementCount();
        Shape w = ctx.input(1).shape();
        if (inElements.isEmpty() || weightElements.isEmpty() || w.dim(0).size() == 0) {
            return OptionalLong.empty();
        }
        long perInput = weightElements.getAsLong() / w.dim(0).size();
        return OptionalLong.of(Math.multiplyExact(inElements.getAsLong(), perInput));
    }

    @Override
    public String costFormula() {
        return "input elements × (C_out / group) × kernel volume";
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 1 ? TensorRole.WEIGHT : index == 2 ? TensorRole.BIAS : null;
    }

    /** Keeps its activation input for the weight gradient (the weight itself is resident). */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return BackwardSaves.INPUTS;
    }

    @Override
    public String shapeRule() {
        return "[N, C_out, stride*(D-1) + output_padding + dilation*(k-1) + 1 - pads ...] or output_shape";
    }
}
