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

/** GatherND: indices.shape[:-1] + data.shape[batch_dims + indices.shape[-1]:]. */
final class GatherNDRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("GatherND"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape data = ctx.input(0).shape();
        Shape idx = ctx.input(1).shape();
        if (!data.hasRank() || !idx.hasRank() || !idx.dim(idx.rank() - 1).isFixed()) {
            ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.UNKNOWN_RANK));
            return;
        }
        int b = (int) ctx.node().intAttr("batch_dims", 0);
        int last = (int) idx.dim(idx.rank() - 1).size();
        List<Dim> out = new ArrayList<>(idx.dims().subList(0, idx.rank() - 1));
        out.addAll(data.dims().subList(b + last, data.rank()));
        ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.of(out)));
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 1 ? TensorRole.CONSTANT : null;
    }

    @Override
    public String shapeRule() {
        return "indices.shape[:-1] + data.shape[batch_dims + indices.shape[-1]:]";
    }
}
