package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ops.BackwardSaves;

import java.util.Set;

/** What elementwise unary ops keep for backward, shared by the activation and the evaluated-math rules. */
final class ElementwiseBackward {
    /** Ops whose gradient PyTorch computes from the output (and which therefore may run in place when training). */
    private static final Set<String> FROM_OUTPUT = Set.of(
            "Relu",
            "LeakyRelu",
            "Clip",
            "Sigmoid",
            "HardSigmoid",
            "Tanh",
            "Softmax",
            "LogSoftmax",
            "Exp",
            "Sqrt",
            "Reciprocal",
            "Elu",
            "Selu",
            "Celu",
            "ThresholdedRelu");
    /** Ops with a zero or constant gradient. */
    private static final Set<String> NO_STATE =
            Set.of("Neg", "Floor", "Ceil", "Round", "Sign", "Not", "IsNaN", "IsInf", "Hardmax");

    private ElementwiseBackward() {}

    static BackwardSaves of(Node node) {
        if (FROM_OUTPUT.contains(node.opType())) {
            return BackwardSaves.OUTPUTS;
        }
        return NO_STATE.contains(node.opType()) ? BackwardSaves.NOTHING : BackwardSaves.FIRST_INPUT;
    }
}
