package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.ArrayList;
import java.util.List;

/** Embedding: indices [B, T...] → [B, T..., output_dim]; a lookup, no MACs. */
final class EmbeddingRule implements OpRule {
    private static final List<OpKey> KEYS = KerasRules.layers("Embedding");

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = LayerConfig.firstDataInput(ctx);
        long dim = ctx.node().intAttr("output_dim").orElseThrow(() -> new RuleCannotTell("no 'output_dim'"));
        String d = ctx.node().stringAttr("dtype").orElse("fp32");
        DType out = DType.fromShortName(d).isFloating() ? DType.fromShortName(d) : DType.FLOAT32;
        if (!x.shape().hasRank()) {
            ctx.setOutput(0, new TensorType(out, Shape.UNKNOWN_RANK));
            return;
        }
        List<Dim> dims = new ArrayList<>(x.shape().dims());
        dims.add(Dim.of(dim));
        ctx.setOutput(0, new TensorType(out, Shape.of(dims)));
    }

    @Override
    public String shapeRule() {
        return "input indices shape + [output_dim]";
    }

    @Override
    public String costFormula() {
        return "0 (a table lookup)";
    }
}
