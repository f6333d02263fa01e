package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.DimArithmetic;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * Broadcasting elementwise ops with two or more inputs (Add, Sub, Mul, Div, Pow, Max, Min, Sum, ...).
 * Arithmetic on small known tensors is evaluated (folding left over the inputs), since exporters compute
 * shapes and loop counts that way. Comparisons and logical ops produce bool (as 0/1 values).
 */
final class BinaryRule implements OpRule {
    private final List<OpKey> keys;
    private final LongBinaryOperator integerOp;
    private final DoubleBinaryOperator doubleOp;
    private final BinaryOperator<Dim> dimOp;
    private final boolean producesBool;

    private BinaryRule(
            List<OpKey> keys,
            LongBinaryOperator integerOp,
            DoubleBinaryOperator doubleOp,
            BinaryOperator<Dim> dimOp,
            boolean producesBool) {
        this.keys = keys;
        this.integerOp = integerOp;
        this.doubleOp = doubleOp;
        this.dimOp = dimOp;
        this.producesBool = producesBool;
    }

    /** Arithmetic evaluated on known values; {@code integer} or {@code real} may be null where undefined. */
    static BinaryRule arithmetic(String opType, LongBinaryOperator integer, DoubleBinaryOperator real) {
        return new BinaryRule(List.of(OpKey.onnx(opType)), integer, real, null, false);
    }

    /** Arithmetic that exporters also apply to shapes: evaluated on symbolic dims too (Shape of a dynamic input, then Mul). */
    static BinaryRule shapeArithmetic(
            String opType, LongBinaryOperator integer, DoubleBinaryOperator real, BinaryOperator<Dim> dims) {
        return new BinaryRule(List.of(OpKey.onnx(opType)), integer, real, dims, false);
    }

    /** A comparison or logical op: bool output, evaluated on known values. */
    static BinaryRule predicate(String opType, LongBinaryOperator integer, DoubleBinaryOperator real) {
        return new BinaryRule(List.of(OpKey.onnx(opType)), integer, real, null, true);
    }

    /** Broadcasting only; values are not evaluated. */
    static BinaryRule broadcastOnly(String opType) {
        return new BinaryRule(List.of(OpKey.onnx(opType)), null, null, null, false);
    }

    /** Serves no key: the broadcast inside a quantized op (QLinearAdd). */
    static BinaryRule broadcastOnly() {
        return new BinaryRule(List.of(), null, null, null, false);
    }

    /** Every two-or-more-input elementwise op of the default domain. */
    static List<BinaryRule> onnx() {
        return List.of(
                shapeArithmetic("Add", Math::addExact, Double::sum, DimArithmetic::add),
                arithmetic("Sum", Math::addExact, Double::sum),
                shapeArithmetic("Sub", Math::subtractExact, (a, b) -> a - b, DimArithmetic::sub),
                shapeArithmetic("Mul", Math::multiplyExact, (a, b) -> a * b, DimArithmetic::mul),
                shapeArithmetic("Div", BinaryRule::divide, (a, b) -> a / b, DimArithmetic::divExact),
                arithmetic("Max", Math::max, Math::max),
                arithmetic("Min", Math::min, Math::min),
                arithmetic("Mod", Math::floorMod, (a, b) -> a % b),
                arithmetic("Pow", null, Math::pow),
                broadcastOnly("Mean"),
                broadcastOnly("BitShift"),
                broadcastOnly("BitwiseAnd"),
                broadcastOnly("BitwiseOr"),
                broadcastOnly("BitwiseXor"),
                predicate("Equal", (a, b) -> bool(a == b), (a, b) -> a == b ? 1 : 0),
                predicate("Less", (a, b) -> bool(a < b), (a, b) -> a < b ? 1 : 0),
                predicate("Greater", (a, b) -> bool(a > b), (a, b) -> a > b ? 1 : 0),
                predicate("LessOrEqual", (a, b) -> bool(a <= b), (a, b) -> a <= b ? 1 : 0),
                predicate("GreaterOrEqual", (a, b) -> bool(a >= b), (a, b) -> a >= b ? 1 : 0),
                predicate("And", (a, b) -> bool(a != 0 && b != 0), null),
                predicate("Or", (a, b) -> bool(a != 0 || b != 0), null),
                predicate("Xor", (a, b) -> bool(a != 0 ^ b != 0), null));
    }

    @Override
    public List<OpKey> keys() {
        return keys;
    }

    @Override
    public void infer(InferenceContext ctx) {
        List<Shape> shapes = new ArrayList<>();
        List<Optional<ConstantValues>> values = new ArrayList<>();
        for (int i = 0; i < ctx.inputCount(); i++) {
            shapes.add(ctx.input(i).shape());
            values.add(ctx.inputValues(i));
        }
        Shape out = Broadcast.shapes(shapes);
        DType dtype = producesBool ? DType.BOOL : ctx.input(0).dtype();
        ctx.setOutput(0, new TensorType(dtype, out));
        if (integerOp == null && doubleOp == null) {
            return;
        }
        if (dimOp != null
                && ctx.inputCount() == 2
                && (values.get(0).isEmpty() || values.get(1).isEmpty())) {
            symbolic(ctx);
            return;
        }
        ValueMath.broadcast(
                        values,
                        shapes,
                        out,
                        integerOp == null ? null : args -> fold(args),
                        doubleOp == null ? null : args -> foldDouble(args))
                .map(v -> dtype.kind() == DType.Kind.FLOAT || v.isInteger() ? v : ValueMath.asKind(v, true))
                .ifPresent(v -> ctx.setOutputValues(0, v));
    }

    private long fold(long[] args) {
        long acc = args[0];
        for (int i = 1; i < args.length; i++) {
            acc = integerOp.applyAsLong(acc, args[i]);
        }
        return acc;
    }

    private double foldDouble(double[] args) {
        double acc = args[0];
        for (int i = 1; i < args.length; i++) {
            acc = doubleOp.applyAsDouble(acc, args[i]);
        }
        return acc;
    }

    /** Elementwise on two integer vectors (or a vector and a scalar) whose entries are dims. */
    private void symbolic(InferenceContext ctx) {
        var a = ctx.inputDims(0);
        var b = ctx.inputDims(1);
        if (a.isEmpty()
                || b.isEmpty()
                || a.get().size() != b.get().size()
                        && a.get().size() != 1
                        && b.get().size() != 1) {
            return;
        }
        int n = Math.max(a.get().size(), b.get().size());
        List<Dim> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(dimOp.apply(
                    a.get().get(a.get().size() == 1 ? 0 : i),
                    b.get().get(b.get().size() == 1 ? 0 : i)));
        }
        ctx.setOutputDims(0, out);
    }

    static long divide(long x, long y) {
        if (y == 0) {
            throw new RuleCannotTell("integer division by zero in a shape computation");
        }
        return x / y; // ONNX integer Div truncates toward zero, like C
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

    static long bool(boolean b) {
        return b ? 1 : 0;
    }

    @Override
    public String costFormula() {
        return "0 MACs (elementwise; not a multiply-accumulate)";
    }

    @Override
    public String shapeRule() {
        return "multidirectional (numpy) broadcast of all inputs; comparisons give bool; small known values evaluated";
    }
}
