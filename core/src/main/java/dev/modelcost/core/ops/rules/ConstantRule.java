package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * Constant: its value attribute holds the tensor. The ONNX importer registers that tensor as a stored
 * tensor under the output's name, so most graphs never reach this rule; it covers the scalar forms.
 */
final class ConstantRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("Constant"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        var n = ctx.node();
        if (n.attr("value").orElse(null) instanceof Attr.TensorValue t) {
            ctx.setOutput(0, t.tensor().type());
            if (t.tensor().values() != null) {
                ctx.setOutputValues(0, t.tensor().values());
            }
        } else if (n.attr("value_int").orElse(null) instanceof Attr.Int i) {
            ctx.setOutput(0, new TensorType(DType.INT64, Shape.SCALAR));
            ctx.setOutputValues(0, ConstantValues.ofLongs(i.value()));
        } else if (n.attr("value_ints").orElse(null) instanceof Attr.Ints i) {
            ctx.setOutput(0, TensorType.of(DType.INT64, i.values().size()));
            ctx.setOutputValues(0, ConstantValues.ofLongs(i.toArray()));
        } else if (n.attr("value_float").orElse(null) instanceof Attr.Float f) {
            ctx.setOutput(0, new TensorType(DType.FLOAT32, Shape.SCALAR));
            ctx.setOutputValues(0, ConstantValues.ofDoubles(f.value()));
        } else if (n.attr("value_floats").orElse(null) instanceof Attr.Floats f) {
            ctx.setOutput(0, TensorType.of(DType.FLOAT32, f.values().size()));
            ctx.setOutputValues(
                    0,
                    ConstantValues.ofDoubles(
                            f.values().stream().mapToDouble(Double::doubleValue).toArray()));
        } else {
            ctx.diagnose("Constant without a readable value");
        }
    }

    /** No inputs, no gradient. */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return BackwardSaves.NOTHING;
    }

    @Override
    public String shapeRule() {
        return "the type of the value attribute";
    }
}
