package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * QuantizeLinear (output type of the zero point, uint8 without one), DequantizeLinear (type of the scale,
 * float), DynamicQuantizeLinear (uint8 y plus scalar scale and zero point). Shapes follow the input.
 */
final class QuantizeLinearRule implements OpRule {
    enum Kind {
        QUANTIZE("QuantizeLinear"),
        DEQUANTIZE("DequantizeLinear"),
        DYNAMIC("DynamicQuantizeLinear");

        final String opType;

        Kind(String opType) {
            this.opType = opType;
        }
    }

    private final Kind kind;

    private final OpKey key;

    private QuantizeLinearRule(String domain, Kind kind) {
        this.key = new OpKey(domain, kind.opType, 1);
        this.kind = kind;
    }

    static QuantizeLinearRule onnx(Kind kind) {
        return new QuantizeLinearRule(OpKey.ONNX, kind);
    }

    /** onnxruntime's contrib forms (before the standard ops took per-axis scales). */
    static QuantizeLinearRule contrib(Kind kind) {
        return new QuantizeLinearRule(Domains.MICROSOFT, kind);
    }

    @Override
    public List<OpKey> keys() {
        return List.of(key);
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape s = ctx.input(0).shape();
        switch (kind) {
            case QUANTIZE -> ctx.setOutput(
                    0, new TensorType(ctx.hasInput(2) ? ctx.input(2).dtype() : DType.UINT8, s));
            case DEQUANTIZE -> ctx.setOutput(
                    0,
                    new TensorType(
                            ctx.input(1).dtype() == DType.UNKNOWN
                                    ? DType.FLOAT32
                                    : ctx.input(1).dtype(),
                            s));
            case DYNAMIC -> {
                ctx.setOutput(0, new TensorType(DType.UINT8, s));
                ctx.setOutput(1, new TensorType(DType.FLOAT32, Shape.SCALAR));
                ctx.setOutput(2, new TensorType(DType.UINT8, Shape.SCALAR));
            }
        }
    }

    @Override
    public TensorRole roleOfInput(int index) {
        if (index == 0) {
            return kind == Kind.DEQUANTIZE ? TensorRole.WEIGHT : null;
        }
        return index <= 2 ? TensorRole.QUANTIZATION : TensorRole.CONSTANT; // scale, zero point
    }

    @Override
    public String shapeRule() {
        return "same as x; Quantize: type of the zero point (uint8), Dequantize: type of the scale; Dynamic: + two scalars";
    }
}
