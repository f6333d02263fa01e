package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongBinaryOperator;

/**
 * Broadcasting elementwise ops with two or more inputs (Add, Sub, Mul, Div, Pow, Max, Min, Sum, ...).
 * Integer arithmetic on small known tensors is evaluated, since exporters compute shapes that way.
 * Comparisons produce bool.
 */
final class BinaryRule implements OpRule {
    private final LongBinaryOperator integerOp;
    private final boolean producesBool;

    BinaryRule(LongBinaryOperator integerOp, boolean producesBool) {
        this.integerOp = integerOp;
        this.producesBool = producesBool;
    }

    @Override
    public void infer(InferenceContext ctx) {
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < ctx.inputCount(); i++) {
            shapes.add(ctx.input(i).shape());
        }
        Shape out = Broadcast.shapes(shapes);
        DType dtype = producesBool ? DType.BOOL : ctx.input(0).dtype();
        ctx.setOutput(0, new TensorType(dtype, out));
        if (integerOp != null && ctx.inputCount() == 2 && out.isFullyKnown() && out.rank() <= 1) {
            evaluate(ctx, (int) out.elementCount().getAsLong());
        }
    }

    private void evaluate(InferenceContext ctx, int size) {
        Optional<ConstantValues> a = ctx.inputValues(0);
        Optional<ConstantValues> b = ctx.inputValues(1);
        if (a.isEmpty() || b.isEmpty() || !a.get().isInteger() || !b.get().isInteger()) {
            return;
        }
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            long x = a.get().longAt(a.get().size() == 1 ? 0 : i);
            long y = b.get().longAt(b.get().size() == 1 ? 0 : i);
            out[i] = integerOp.applyAsLong(x, y);
        }
        ctx.setOutputValues(0, ConstantValues.ofLongs(out));
    }

    static long divide(long x, long y) {
        if (y == 0) {
            throw new ArithmeticException("integer division by zero in a shape computation");
        }
        return Math.floorDiv(x, y);
    }

    /**
     * Add, Sub and Sum pass the gradient on; Mul, Div, Max, Min, Pow and Mean keep their inputs (Pow its
     * output too); comparisons and bitwise ops have no gradient.
     */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        if (producesBool) {
            return BackwardSaves.NOTHING;
        }
        return switch (node.opType()) {
            case "Add", "Sub", "Sum", "Mean" -> BackwardSaves.NOTHING;
            case "Pow" -> new BackwardSaves(BackwardSaves.Inputs.ALL, true, 0);
            case "BitShift", "BitwiseAnd", "BitwiseOr", "BitwiseXor", "Mod" -> BackwardSaves.NOTHING;
            default -> BackwardSaves.INPUTS;
        };
    }
}
