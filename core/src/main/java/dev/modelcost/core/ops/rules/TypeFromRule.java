package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.OnnxDataTypes;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * The first input's shape with an element type from elsewhere: CastLike (input 1's type), EyeLike,
 * Bernoulli and RandomUniformLike/RandomNormalLike ({@code dtype} attribute, else the input's type).
 */
final class TypeFromRule implements OpRule {
    private final boolean fromSecondInput;

    private final List<OpKey> keys;

    private TypeFromRule(List<OpKey> keys, boolean fromSecondInput) {
        this.keys = keys;
        this.fromSecondInput = fromSecondInput;
    }

    /** CastLike: input 0's shape in input 1's type. */
    static TypeFromRule castLike() {
        return new TypeFromRule(List.of(OpKey.onnx("CastLike")), true);
    }

    /** EyeLike, Bernoulli, Random*Like: input 0's shape, in its type unless the dtype attribute says. */
    static TypeFromRule likeInput() {
        return new TypeFromRule(
                OpKey.each(OpKey.ONNX, 1, "EyeLike", "Bernoulli", "RandomUniformLike", "RandomNormalLike"), false);
    }

    @Override
    public List<OpKey> keys() {
        return keys;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape s = ctx.input(0).shape();
        DType d;
        if (fromSecondInput) {
            d = ctx.input(1).dtype();
        } else {
            var code = ctx.node().intAttr("dtype");
            d = code.isPresent()
                    ? OnnxDataTypes.fromCode((int) code.getAsLong())
                    : ctx.input(0).dtype();
        }
        ctx.setOutput(0, new TensorType(d, s));
        if (fromSecondInput && d.kind() == DType.Kind.INTEGER) {
            ctx.inputValues(0)
                    .filter(v -> !v.isString())
                    .ifPresent(v -> ctx.setOutputValues(0, ValueMath.asKind(v, true)));
        }
    }

    @Override
    public String shapeRule() {
        return "same shape; dtype from input 1 (CastLike) or the dtype attribute";
    }
}
