package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpRule;

import java.util.OptionalLong;

/**
 * Quantized and integer forms of Conv and MatMul (QLinearConv, QLinearMatMul, ConvInteger, MatMulInteger):
 * the float op's shape rule and MAC count applied to the data and weight inputs found at other positions.
 * The output type is the output zero point's (QLinear*), or int32 (*Integer).
 */
final class QuantizedRule implements OpRule {
    /** {@code outputZeroPoint} values for a fixed output type: int32 (ConvInteger, MatMulInteger) or float. */
    static final int INT32_OUTPUT = -1;
    static final int FLOAT_OUTPUT = -2;

    private final OpRule base;
    private final int[] inputs;
    private final int outputZeroPoint;
    private final TensorRole[] roles;

    /** {@code inputs}: positions of the base op's inputs; {@code outputZeroPoint}: -1 for int32 outputs. */
    QuantizedRule(OpRule base, int[] inputs, int outputZeroPoint, TensorRole[] roles) {
        this.base = base;
        this.inputs = inputs;
        this.outputZeroPoint = outputZeroPoint;
        this.roles = roles;
    }

    @Override
    public void infer(InferenceContext ctx) {
        DType out = outputZeroPoint == INT32_OUTPUT ? DType.INT32 : outputZeroPoint == FLOAT_OUTPUT ? DType.FLOAT32
                : ctx.hasInput(outputZeroPoint) ? ctx.input(outputZeroPoint).dtype() : DType.UINT8;
        base.infer(new RemappedContext(ctx, inputs, out));
    }

    @Override
    public OptionalLong macs(NodeContext ctx) {
        return base.macs(new RemappedContext(new ReadOnly(ctx), inputs, null));
    }

    @Override
    public String costFormula() { return "as the float op: " + base.costFormula(); }

    @Override
    public TensorRole roleOfInput(int index) { return index < roles.length ? roles[index] : TensorRole.CONSTANT; }

    /** A NodeContext seen as an InferenceContext that takes no answers, for counting MACs. */
    private record ReadOnly(NodeContext c) implements InferenceContext {
        public dev.modelcost.core.ir.Node node() { return c.node(); }
        public int opset() { return c.opset(); }
        public int inputCount() { return c.inputCount(); }
        public dev.modelcost.core.ir.TensorType input(int i) { return c.input(i); }
        public java.util.Optional<dev.modelcost.core.ir.ConstantValues> inputValues(int i) { return c.inputValues(i); }
        public boolean inputIsStored(int i) { return c.inputIsStored(i); }
        public dev.modelcost.core.ir.TensorType output(int i) { return c.output(i); }
        public void setOutput(int i, dev.modelcost.core.ir.TensorType t) { }
        public void setOutputValues(int i, dev.modelcost.core.ir.ConstantValues v) { }
        public void diagnose(String m) { }
    }

    @Override
    public String shapeRule() { return "the float op's shape rule on the data and weight inputs; QLinear*: type of the output zero point, *Integer: int32"; }
}
