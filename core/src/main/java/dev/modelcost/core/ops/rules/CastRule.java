package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.OnnxDataTypes;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpRule;

/** Cast: same shape, dtype from the {@code to} attribute; integer values are carried for shape arithmetic. */
final class CastRule implements OpRule {
    @Override
    public void infer(InferenceContext ctx) {
        DType to = OnnxDataTypes.fromCode((int) ctx.node().intAttr("to", 0));
        ctx.setOutput(0, new TensorType(to, ctx.input(0).shape()));
        if (to.kind() == DType.Kind.INTEGER) {
            ctx.inputValues(0).ifPresent(v -> ctx.setOutputValues(0, ConstantValues.ofLongs(v.asLongs())));
        }
    }

    /** The gradient is cast back; no values are kept. */
    @Override
    public BackwardSaves savedForBackward(Node node) { return BackwardSaves.NOTHING; }
}
