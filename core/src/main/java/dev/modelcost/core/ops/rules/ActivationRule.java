package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;

/**
 * Elementwise activations (Relu, Sigmoid, Clip, Softmax, ...): same type and shape as the input,
 * computed in place. Extra inputs (Clip's min/max) are thresholds, not parameters.
 */
final class ActivationRule implements OpRule {
    private final List<OpKey> keys;

    /** Serves no key: the activation inside a quantized op (QLinearSigmoid). */
    ActivationRule() {
        this(List.of());
    }

    private ActivationRule(List<OpKey> keys) {
        this.keys = keys;
    }

    /** The default domain's activations and other elementwise functions without evaluated values. */
    static ActivationRule onnx() {
        List<OpKey> keys = new ArrayList<>(OpKey.each(
                OpKey.ONNX,
                1,
                "LeakyRelu",
                "Elu",
                "Selu",
                "Celu",
                "Gelu",
                "Sigmoid",
                "HardSigmoid",
                "HardSwish",
                "Tanh",
                "Softplus",
                "Softsign",
                "Mish",
                "ThresholdedRelu",
                "Clip",
                "Softmax",
                "LogSoftmax",
                "Hardmax",
                "Log",
                "Erf",
                "Sin",
                "Cos",
                "Tan",
                "Asin",
                "Acos",
                "Atan",
                "Sinh",
                "Cosh",
                "Asinh",
                "Acosh",
                "Atanh",
                "Shrink",
                "BitwiseNot"));
        keys.add(OpKey.onnx("Clip", 11)); // min and max become inputs (constants, not parameters)
        return new ActivationRule(List.copyOf(keys));
    }

    /** onnxruntime's elementwise contrib ops (those with a fused bias: {@link BiasActivationRule}). */
    static ActivationRule contrib() {
        return new ActivationRule(OpKey.each(Domains.MICROSOFT, 1, "Gelu", "QuickGelu", "Inverse"));
    }

    @Override
    public List<OpKey> keys() {
        return keys;
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
        return index == 0 ? null : TensorRole.CONSTANT;
    }

    @Override
    public BackwardSaves savedForBackward(Node node) {
        return ElementwiseBackward.of(node);
    }

    @Override
    public String shapeRule() {
        return "same as input 0 (elementwise, in place)";
    }
}
