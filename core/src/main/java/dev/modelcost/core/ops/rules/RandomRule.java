package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.OnnxDataTypes;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.List;

/** RandomNormal, RandomUniform: shape and dtype (default float) from attributes. */
final class RandomRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("RandomNormal"), OpKey.onnx("RandomUniform"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        long[] shape = ctx.node().intsAttr("shape").orElseThrow(() -> new RuleCannotTell("no shape attribute"));
        ctx.setOutput(0, new TensorType(OnnxDataTypes.fromCode((int) ctx.node().intAttr("dtype", 1)), Shape.of(shape)));
    }

    @Override
    public String shapeRule() {
        return "the shape attribute; dtype attribute (default fp32)";
    }
}
