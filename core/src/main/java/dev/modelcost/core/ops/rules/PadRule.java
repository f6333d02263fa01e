package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.ArrayList;
import java.util.List;

/** Pad: pads from the attribute (before opset 11) or the second input; optional axes input (opset 18). */
final class PadRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("Pad"), OpKey.onnx("Pad", 11));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape x = ctx.input(0).shape();
        long[] pads = ctx.node()
                .intsAttr("pads")
                .or(() -> ctx.node().intsAttr("paddings"))
                .orElse(null);
        if (pads == null) {
            pads = ctx.inputValues(1).map(ConstantValues::asLongs).orElse(null);
        }
        if (!x.hasRank() || pads == null) {
            if (pads == null) {
                ctx.diagnose("pads computed at run time; output shape unknown");
            }
            ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), x.hasRank() ? Shape.unknownOfRank(x.rank()) : x));
            return;
        }
        int rank = x.rank();
        long[] axes = ctx.hasInput(3)
                ? ctx.inputValues(3).map(ConstantValues::asLongs).orElse(null)
                : null;
        if (axes == null) {
            axes = new long[rank];
            for (int i = 0; i < rank; i++) {
                axes[i] = i;
            }
        }
        if (pads.length != 2 * axes.length) {
            throw new RuleCannotTell(pads.length + " pads for " + axes.length + " axes (2 per axis expected)");
        }
        List<Dim> out = new ArrayList<>(x.dims());
        for (int i = 0; i < axes.length; i++) {
            int a = DimMath.axis(axes[i], rank);
            out.set(a, DimMath.add(out.get(a), Dim.of(Math.max(0, pads[i] + pads[i + axes.length]))));
            if (out.get(a).isFixed() && pads[i] + pads[i + axes.length] < 0) {
                out.set(a, Dim.of(x.dim(a).size() + pads[i] + pads[i + axes.length]));
            }
        }
        ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.of(out)));
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? null : TensorRole.CONSTANT;
    }

    /** The gradient is a slice of the output gradient; no values are kept. */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return BackwardSaves.NOTHING;
    }

    @Override
    public String shapeRule() {
        return "each dim + pads_begin + pads_end (pads attribute before opset 11, input after; axes at 18)";
    }
}
