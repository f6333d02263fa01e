package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/** Gradient (ai.onnx.preview.training): output i is the gradient with respect to xs[i], so it has that value's type. */
final class GradientRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(new OpKey(Domains.TRAINING, "Gradient", 1));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        if (ctx.node().attr("xs").orElse(null) instanceof Attr.Strs xs) {
            for (int i = 0; i < xs.values().size(); i++) {
                ctx.setOutput(i, ctx.typeOf(xs.values().get(i)));
            }
        }
    }

    @Override
    public String shapeRule() {
        return "output i typed like the value named xs[i]";
    }
}
