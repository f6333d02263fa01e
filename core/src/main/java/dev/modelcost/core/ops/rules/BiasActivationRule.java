package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * onnxruntime's activations with the preceding linear layer's bias fused in: FastGelu(X, bias), BiasGelu(A, B),
 * BiasAdd(X, bias, skip). The output has X's shape; input 1 is that layer's bias (the ORT contrib spec), a
 * parameter, not a constant.
 */
final class BiasActivationRule implements OpRule {

    @Override
    public List<OpKey> keys() {
        return OpKey.each(Domains.MICROSOFT, 1, "FastGelu", "BiasGelu", "BiasAdd");
    }

    @Override
    public void infer(InferenceContext ctx) {
        ctx.setOutput(0, ctx.input(0));
    }

    @Override
    public Allocation allocation() {
        return Allocation.IN_PLACE;
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 1 ? TensorRole.BIAS : null;
    }

    @Override
    public BackwardSaves savedForBackward(Node node) {
        return ElementwiseBackward.of(node);
    }

    @Override
    public String shapeRule() {
        return "same as input 0 (elementwise, the fused bias broadcast over the last axis)";
    }
}
