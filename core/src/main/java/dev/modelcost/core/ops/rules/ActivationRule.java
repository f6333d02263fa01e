package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpRule;

/**
 * Elementwise activations (Relu, Sigmoid, Clip, Softmax, ...): same type and shape as the input,
 * computed in place. Extra inputs (Clip's min/max) are thresholds, not parameters.
 */
final class ActivationRule implements OpRule {
    @Override
    public void infer(InferenceContext ctx) { ctx.setOutput(0, ctx.input(0)); }

    @Override
    public Allocation allocation() { return Allocation.IN_PLACE; }

    @Override
    public TensorRole roleOfInput(int index) { return index == 0 ? null : TensorRole.CONSTANT; }

    @Override
    public BackwardSaves savedForBackward(Node node) { return ElementwiseBackward.of(node); }

    @Override
    public String shapeRule() { return "same as input 0 (elementwise, in place)"; }
}
