package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;

/** Transpose by {@code perm} (default: reverse). Writes a new buffer. */
final class TransposeRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("Transpose"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape x = ctx.input(0).shape();
        if (!x.hasRank()) {
            ctx.setOutput(0, ctx.input(0));
            return;
        }
        long[] perm = ctx.node().intsAttr("perm").orElse(null);
        List<Dim> out = new ArrayList<>(x.rank());
        for (int i = 0; i < x.rank(); i++) {
            out.add(x.dim(perm == null ? x.rank() - 1 - i : DimMath.axis(perm[i], x.rank())));
        }
        Shape result = Shape.of(out);
        ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), result));
        ctx.inputValues(0)
                .flatMap(v -> NdValues.rearrange(v, x, result, (o, in) -> {
                    for (int j = 0; j < o.length; j++) {
                        in[perm == null ? o.length - 1 - j : (int) DimMath.axis(perm[j], o.length)] = o[j];
                    }
                }))
                .ifPresent(v -> ctx.setOutputValues(0, v));
    }

    /** The gradient is the output gradient permuted back; no values are kept. */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return BackwardSaves.NOTHING;
    }

    @Override
    public String shapeRule() {
        return "dims permuted by perm (default reversed); known values permuted";
    }
}
