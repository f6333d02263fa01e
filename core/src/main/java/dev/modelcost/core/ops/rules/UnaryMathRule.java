package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise unary ops whose value on small known tensors is evaluated (Ceil, Floor, Relu, Neg, Abs,
 * Sqrt, ...), since exporters compute sizes and trip counts with them. Same shape and type; in place.
 */
final class UnaryMathRule implements OpRule {
    private final OpKey key;
    private final DoubleUnaryOperator op;

    private UnaryMathRule(String opType, DoubleUnaryOperator op) {
        this.key = OpKey.onnx(opType);
        this.op = op;
    }

    /** One rule per default-domain op, each with the function it evaluates. */
    static List<UnaryMathRule> onnx() {
        return List.of(
                new UnaryMathRule("Relu", x -> Math.max(x, 0)),
                new UnaryMathRule("Neg", x -> -x),
                new UnaryMathRule("Abs", Math::abs),
                new UnaryMathRule("Ceil", Math::ceil),
                new UnaryMathRule("Floor", Math::floor),
                new UnaryMathRule("Round", Math::rint),
                new UnaryMathRule("Sqrt", Math::sqrt),
                new UnaryMathRule("Exp", Math::exp),
                new UnaryMathRule("Reciprocal", x -> 1 / x),
                new UnaryMathRule("Sign", Math::signum),
                new UnaryMathRule("Not", x -> x == 0 ? 1 : 0));
    }

    @Override
    public List<OpKey> keys() {
        return List.of(key);
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType in = ctx.input(0);
        ctx.setOutput(0, in);
        ctx.inputValues(0).filter(v -> !v.isString()).ifPresent(v -> {
            double[] d = v.asDoubles();
            for (int i = 0; i < d.length; i++) {
                d[i] = op.applyAsDouble(d[i]);
            }
            boolean integer = v.isInteger() && in.dtype().kind() != DType.Kind.FLOAT;
            ctx.setOutputValues(
                    0, integer ? ValueMath.asKind(ConstantValues.ofDoubles(d), true) : ConstantValues.ofDoubles(d));
        });
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
    public dev.modelcost.core.ops.BackwardSaves savedForBackward(dev.modelcost.core.ir.Node node) {
        return ElementwiseBackward.of(node);
    }

    @Override
    public String costFormula() {
        return "0 MACs (elementwise; not a multiply-accumulate)";
    }

    @Override
    public String shapeRule() {
        return "same as input 0 (elementwise, in place); small known values evaluated";
    }
}
