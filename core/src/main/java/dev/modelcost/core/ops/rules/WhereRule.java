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

/** Where(condition, X, Y): the three shapes broadcast; element type of X; evaluated on small known values. */
final class WhereRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("Where"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        List<Shape> shapes =
                List.of(ctx.input(0).shape(), ctx.input(1).shape(), ctx.input(2).shape());
        Shape out = Broadcast.shapes(shapes);
        ctx.setOutput(0, new TensorType(ctx.input(1).dtype(), out));
        List<Optional<ConstantValues>> values = List.of(ctx.inputValues(0), ctx.inputValues(1), ctx.inputValues(2));
        ValueMath.broadcast(values, shapes, out, a -> a[0] != 0 ? a[1] : a[2], a -> a[0] != 0 ? a[1] : a[2])
                .ifPresent(v -> ctx.setOutputValues(0, v));
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? TensorRole.CONSTANT : null;
    }

    @Override
    public String shapeRule() {
        return "broadcast of condition, X, Y; dtype of X; known values evaluated";
    }
}
