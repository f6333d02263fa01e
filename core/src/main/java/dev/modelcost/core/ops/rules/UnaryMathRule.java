package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpRule;

import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise unary ops whose value on small known tensors is evaluated (Ceil, Floor, Relu, Neg, Abs,
 * Sqrt, ...), since exporters compute sizes and trip counts with them. Same shape and type; in place.
 */
final class UnaryMathRule implements OpRule {
    private final DoubleUnaryOperator op;

    UnaryMathRule(DoubleUnaryOperator op) { this.op = op; }

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
            ctx.setOutputValues(0, integer ? ValueMath.asKind(ConstantValues.ofDoubles(d), true) : ConstantValues.ofDoubles(d));
        });
    }

    @Override
    public Allocation allocation() { return Allocation.IN_PLACE; }

    @Override
    public TensorRole roleOfInput(int index) { return index == 0 ? null : TensorRole.CONSTANT; }

    @Override
    public dev.modelcost.core.ops.BackwardSaves savedForBackward(dev.modelcost.core.ir.Node node) {
        return ElementwiseBackward.of(node);
    }

    @Override
    public String costFormula() { return "0 MACs (elementwise; not a multiply-accumulate)"; }

    @Override
    public String shapeRule() { return "same as input 0 (elementwise, in place); small known values evaluated"; }
}
