package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;
import java.util.Optional;

/** Expand: the input broadcast with the shape given as values (either side may be larger). */
final class ExpandRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("Expand"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = ctx.input(0);
        Optional<ConstantValues> shape = ctx.inputValues(1);
        if (shape.isEmpty() && ctx.inputDims(1).isPresent()) {
            ctx.setOutput(
                    0,
                    new TensorType(
                            x.dtype(),
                            Broadcast.shapes(
                                    List.of(x.shape(), Shape.of(ctx.inputDims(1).get())))));
            return;
        }
        if (shape.isEmpty()) {
            Shape s = ctx.input(1).shape();
            ctx.diagnose("target shape computed at run time; output dimensions unknown");
            ctx.setOutput(
                    0,
                    new TensorType(
                            x.dtype(),
                            s.isFullyKnown() && s.rank() == 1 && x.shape().hasRank()
                                    ? Shape.unknownOfRank((int)
                                            Math.max(s.dim(0).size(), x.shape().rank()))
                                    : Shape.UNKNOWN_RANK));
            return;
        }
        Shape target = Shape.of(shape.get().asLongs());
        Shape out = Broadcast.shapes(List.of(x.shape(), target));
        ctx.setOutput(0, new TensorType(x.dtype(), out));
        ValueMath.broadcast(List.of(ctx.inputValues(0)), List.of(x.shape()), out, a -> a[0], a -> a[0])
                .ifPresent(v -> ctx.setOutputValues(0, v));
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 1 ? TensorRole.CONSTANT : null;
    }

    @Override
    public String shapeRule() {
        return "broadcast of the input with the shape given as values";
    }
}
