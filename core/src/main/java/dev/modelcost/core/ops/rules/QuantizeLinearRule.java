package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpRule;

/**
 * QuantizeLinear (output type of the zero point, uint8 without one), DequantizeLinear (type of the scale,
 * float), DynamicQuantizeLinear (uint8 y plus scalar scale and zero point). Shapes follow the input.
 */
final class QuantizeLinearRule implements OpRule {
    enum Kind { QUANTIZE, DEQUANTIZE, DYNAMIC }

    private final Kind kind;

    QuantizeLinearRule(Kind kind) { this.kind = kind; }

    @Override
    public void infer(InferenceContext ctx) {
        Shape s = ctx.input(0).shape();
        switch (kind) {
            case QUANTIZE -> ctx.setOutput(0, new TensorType(ctx.hasInput(2) ? ctx.input(2).dtype() : DType.UINT8, s));
            case DEQUANTIZE -> ctx.setOutput(0, new TensorType(ctx.input(1).dtype() == DType.UNKNOWN ? DType.FLOAT32 : ctx.input(1).dtype(), s));
            case DYNAMIC -> {
                ctx.setOutput(0, new TensorType(DType.UINT8, s));
                ctx.setOutput(1, new TensorType(DType.FLOAT32, Shape.SCALAR));
                ctx.setOutput(2, new TensorType(DType.UINT8, Shape.SCALAR));
            }
        }
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index != 0 ? TensorRole.CONSTANT : kind == Kind.DEQUANTIZE ? TensorRole.WEIGHT : null;
    }

    @Override
    public String shapeRule() { return "same as x; Quantize: type of the zero point (uint8), Dequantize: type of the scale; Dynamic: + two scalars"; }
}
