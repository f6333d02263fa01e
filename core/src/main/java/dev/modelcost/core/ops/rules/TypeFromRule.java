package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.OnnxDataTypes;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpRule;

/**
 * The first input's shape with an element type from elsewhere: CastLike (input 1's type), EyeLike,
 * Bernoulli and RandomUniformLike/RandomNormalLike ({@code dtype} attribute, else the input's type).
 */
final class TypeFromRule implements OpRule {
    private final boolean fromSecondInput;

    TypeFromRule(boolean fromSecondInput) { this.fromSecondInput = fromSecondInput; }

    @Override
    public void infer(InferenceContext ctx) {
        Shape s = ctx.input(0).shape();
        DType d;
        if (fromSecondInput) {
            d = ctx.input(1).dtype();
        } else {
            var code = ctx.node().intAttr("dtype");
            d = code.isPresent() ? OnnxDataTypes.fromCode((int) code.getAsLong()) : ctx.input(0).dtype();
        }
        ctx.setOutput(0, new TensorType(d, s));
        if (fromSecondInput && d.kind() == DType.Kind.INTEGER) {
            ctx.inputValues(0).filter(v -> !v.isString()).ifPresent(v -> ctx.setOutputValues(0, ValueMath.asKind(v, true)));
        }
    }

    @Override
    public String shapeRule() { return "same shape; dtype from input 1 (CastLike) or the dtype attribute"; }
}
