package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Dense (and Keras 1 TimeDistributedDense): applies to the last axis, [..., in] → [..., units]. */
final class DenseRule implements OpRule {
    private static final List<OpKey> KEYS = KerasRules.layers("Dense", "TimeDistributedDense");

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = LayerConfig.firstDataInput(ctx);
        long units = ctx.node().intAttr("units").orElseThrow(() -> new RuleCannotTell("no 'units'"));
        if (!x.shape().hasRank()) {
            ctx.setOutput(0, new TensorType(LayerConfig.outDType(ctx.node(), x), Shape.UNKNOWN_RANK));
            return;
        }
        List<Dim> d = new ArrayList<>(x.shape().dims());
        d.set(d.size() - 1, Dim.of(units));
        ctx.setOutput(0, new TensorType(LayerConfig.outDType(ctx.node(), x), Shape.of(d)));
    }

    @Override
    public OptionalLong macs(NodeContext ctx) {
        Shape in = LayerConfig.firstDataInput(ctx).shape();
        OptionalLong out = ctx.output(0).shape().elementCount();
        if (!in.hasRank() || out.isEmpty() || !in.dim(in.rank() - 1).isFixed()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(
                Math.multiplyExact(out.getAsLong(), in.dim(in.rank() - 1).size()));
    }

    @Override
    public String shapeRule() {
        return "input with its last axis replaced by units";
    }

    @Override
    public String costFormula() {
        return "output elements × input features (in × units per position)";
    }
}
