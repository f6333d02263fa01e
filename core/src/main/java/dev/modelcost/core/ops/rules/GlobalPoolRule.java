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

/** GlobalAveragePool, GlobalMaxPool, GlobalLpPool: spatial axes become 1. */
final class GlobalPoolRule implements OpRule {
    private final List<OpKey> keys;

    /** Serves no key: the pooling inside QLinearGlobalAveragePool. */
    GlobalPoolRule() {
        this(List.of());
    }

    private GlobalPoolRule(List<OpKey> keys) {
        this.keys = keys;
    }

    static GlobalPoolRule onnx() {
        return new GlobalPoolRule(OpKey.each(OpKey.ONNX, 1, "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool"));
    }

    @Override
    public List<OpKey> keys() {
        return keys;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape x = ctx.input(0).shape();
        if (!x.hasRank()) {
            ctx.setOutput(0, ctx.input(0));
            return;
        }
        List<Dim> out = new ArrayList<>(x.dims().subList(0, Math.min(2, x.rank())));
        for (int i = 2; i < x.rank(); i++) {
            out.add(Dim.of(1));
        }
        ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.of(out)));
    }

    /** PyTorch's adaptive pooling keeps its input (the max variant to find the argmax, the mean one for its shape). */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return BackwardSaves.FIRST_INPUT;
    }

    @Override
    public String shapeRule() {
        return "spatial dims become 1";
    }
}
