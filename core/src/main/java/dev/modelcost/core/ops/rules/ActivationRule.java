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

    /** Ops whose gradient PyTorch computes from the output (and which therefore may run in place when training). */
    private static final java.util.Set<String> FROM_OUTPUT = java.util.Set.of("Relu", "LeakyRelu", "Clip", "Sigmoid",
            "HardSigmoid", "Tanh", "Softmax", "LogSoftmax", "Exp", "Sqrt", "Reciprocal", "Elu", "Selu", "Celu", "ThresholdedRelu");
    /** Ops with a zero or constant gradient. */
    private static final java.util.Set<String> NO_STATE = java.util.Set.of("Neg", "Floor", "Ceil", "Round", "Sign",
            "Not", "IsNaN", "IsInf", "Hardmax");

    @Override
    public BackwardSaves savedForBackward(Node node) {
        if (FROM_OUTPUT.contains(node.opType())) {
            return BackwardSaves.OUTPUTS;
        }
        return NO_STATE.contains(node.opType()) ? BackwardSaves.NOTHING : BackwardSaves.FIRST_INPUT;
    }

    @Override
    public String shapeRule() { return "same as input 0 (elementwise, in place)"; }
}
