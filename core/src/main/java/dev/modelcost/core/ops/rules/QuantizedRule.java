package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Quantized and integer forms of Conv and MatMul (QLinearConv, QLinearMatMul, ConvInteger, MatMulInteger):
 * the float op's shape rule and MAC count applied to the data and weight inputs found at other positions.
 * The output type is the output zero point's (QLinear*), or int32 (*Integer).
 */
final class QuantizedRule implements OpRule {
    /** {@code outputZeroPoint} values for a fixed output type: int32 (ConvInteger, MatMulInteger) or float. */
    private static final int INT32_OUTPUT = -1;

    private static final int FLOAT_OUTPUT = -2;
    private static final TensorRole W = TensorRole.WEIGHT;
    private static final TensorRole B = TensorRole.BIAS;
    /** Scales and zero points, of weights and of activations alike. */
    private static final TensorRole Q = TensorRole.QUANTIZATION;
    /** x, x_scale, x_zero_point, w, w_scale, w_zero_point, y_scale, y_zero_point, bias. */
    private static final TensorRole[] QLINEAR_CONV_ROLES = {null, Q, Q, W, Q, Q, Q, Q, B};

    private final OpKey key;
    private final OpRule base;
    private final int[] inputs;
    private final int outputZeroPoint;
    private final TensorRole[] roles;

    /** {@code inputs}: positions of the base op's inputs; {@code outputZeroPoint}: -1 for int32 outputs. */
    private QuantizedRule(OpKey key, OpRule base, int[] inputs, int outputZeroPoint, TensorRole[] roles) {
        this.key = key;
        this.base = base;
        this.inputs = inputs;
        this.outputZeroPoint = outputZeroPoint;
        this.roles = roles;
    }

    /** QLinearConv of the default domain or of com.microsoft (same inputs). */
    static QuantizedRule qLinearConv(String domain) {
        return new QuantizedRule(
                new OpKey(domain, "QLinearConv", 1), new ConvRule(), new int[] {0, 3, 8}, 7, QLINEAR_CONV_ROLES);
    }

    static QuantizedRule qLinearMatMul() {
        return new QuantizedRule(OpKey.onnx("QLinearMatMul"), new MatMulRule(), new int[] {0, 3}, 7, new TensorRole[] {
            W, Q, Q, W, Q, Q, Q, Q
        });
    }

    static QuantizedRule convInteger() {
        return new QuantizedRule(
                OpKey.onnx("ConvInteger"), new ConvRule(), new int[] {0, 1}, INT32_OUTPUT, new TensorRole[] {
                    null, W, Q, Q
                });
    }

    static QuantizedRule matMulInteger() {
        return new QuantizedRule(
                OpKey.onnx("MatMulInteger"), new MatMulRule(), new int[] {0, 1}, INT32_OUTPUT, new TensorRole[] {
                    W, W, Q, Q
                });
    }

    /** com.microsoft QLinearAdd, QLinearMul: a, a_scale, a_zero_point, b, b_scale, b_zero_point, c_scale, c_zero_point. */
    static QuantizedRule qLinearBinary(String opType) {
        return new QuantizedRule(
                new OpKey(Domains.MICROSOFT, opType, 1),
                BinaryRule.broadcastOnly(),
                new int[] {0, 3},
                7,
                new TensorRole[] {null, Q, Q, W, Q, Q, Q, Q});
    }

    /** com.microsoft QLinear activations and QLinearGlobalAveragePool: x, x_scale, x_zero_point, y_scale, y_zero_point. */
    static QuantizedRule qLinearUnary(String opType, OpRule base) {
        return new QuantizedRule(
                new OpKey(Domains.MICROSOFT, opType, 1), base, new int[] {0}, 4, new TensorRole[] {null, Q, Q, Q, Q});
    }

    static QuantizedRule matMulIntegerToFloat() {
        return new QuantizedRule(
                new OpKey(Domains.MICROSOFT, "MatMulIntegerToFloat", 1),
                new MatMulRule(),
                new int[] {0, 1},
                FLOAT_OUTPUT,
                new TensorRole[] {W, W, Q, Q, Q, Q, B});
    }

    static QuantizedRule dynamicQuantizeMatMul() {
        return new QuantizedRule(
                new OpKey(Domains.MICROSOFT, "DynamicQuantizeMatMul", 1),
                new MatMulRule(),
                new int[] {0, 1},
                FLOAT_OUTPUT,
                new TensorRole[] {null, W, Q, Q, B});
    }

    @Override
    public List<OpKey> keys() {
        return List.of(key);
    }

    @Override
    public void infer(InferenceContext ctx) {
        DType out = outputZeroPoint == INT32_OUTPUT
                ? DType.INT32
                : outputZeroPoint == FLOAT_OUTPUT
                        ? DType.FLOAT32
                        : ctx.hasInput(outputZeroPoint)
                                ? ctx.input(outputZeroPoint).dtype()
                                : DType.UINT8;
        base.infer(new RemappedContext(ctx, inputs, out));
    }

    @Override
    public OptionalLong macs(NodeContext ctx) {
        return base.macs(new RemappedContext(new ReadOnly(ctx), inputs, null));
    }

    @Override
    public String costFormula() {
        return "as the float op: " + base.costFormula();
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index < roles.length ? roles[index] : TensorRole.CONSTANT;
    }

    /** A NodeContext seen as an InferenceContext that takes no answers, for counting MACs. */
    private record ReadOnly(NodeContext c) implements InferenceContext {
        public dev.modelcost.core.ir.Node node() {
            return c.node();
        }

        public int opset() {
            return c.opset();
        }

        public int inputCount() {
            return c.inputCount();
        }

        public dev.modelcost.core.ir.TensorType input(int i) {
            return c.input(i);
        }

        public Optional<dev.modelcost.core.ir.ConstantValues> inputValues(int i) {
            return c.inputValues(i);
        }

        public boolean inputIsStored(int i) {
            return c.inputIsStored(i);
        }

        public dev.modelcost.core.ir.TensorType output(int i) {
            return c.output(i);
        }

        public void setOutput(int i, dev.modelcost.core.ir.TensorType t) {}

        public void setOutputValues(int i, dev.modelcost.core.ir.ConstantValues v) {}

        public void diagnose(String m) {}
    }

    @Override
    public String shapeRule() {
        return "the float op's shape rule on the data and weight inputs; QLinear*: type of the output zero point, *Integer: int32";
    }
}
