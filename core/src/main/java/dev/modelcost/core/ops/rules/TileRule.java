package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;

/** Tile: each dimension times its repeat count (the second input's values). */
final class TileRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("Tile"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        var repeats = ctx.inputValues(1);
        if (!x.shape().hasRank() || repeats.isEmpty()) {
            if (repeats.isEmpty()) {
                ctx.diagnose("repeats computed at run time; output dimensions unknown");
            }
            ctx.setOutput(
                    0,
                    new TensorType(
                            x.dtype(),
                            x.shape().hasRank() ? Shape.unknownOfRank(x.shape().rank()) : x.shape()));
            return;
        }
        long[] r = repeats.get().asLongs();
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < x.shape().rank(); i++) {
            out.add(DimMath.mul(x.shape().dim(i), Dim.of(r[i])));
        }
        ctx.setOutput(0, new TensorType(x.dtype(), Shape.of(out)));
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? null : TensorRole.CONSTANT;
    }

    @Override
    public String shapeRule() {
        return "each dim * its repeat count";
    }
}
