package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/** Size: an int64 scalar holding the input's element count, known when its shape is. */
final class SizeRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("Size"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        ctx.setOutput(0, new TensorType(DType.INT64, Shape.SCALAR));
        ctx.input(0).shape().elementCount().ifPresent(n -> ctx.setOutputValues(0, ConstantValues.ofLongs(n)));
    }

    @Override
    public String shapeRule() {
        return "int64 scalar; value = element count when known";
    }
}
