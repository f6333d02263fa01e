package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.OnnxDataTypes;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.Arrays;
import java.util.List;

/** Cast: same shape, dtype from the {@code to} attribute; integer values are carried for shape arithmetic. */
final class CastRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("Cast"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        DType to = OnnxDataTypes.fromCode((int) ctx.node().intAttr("to", 0));
        ctx.setOutput(0, new TensorType(to, ctx.input(0).shape()));
        if (to.kind() == DType.Kind.INTEGER || to == DType.BOOL) {
            ctx.inputValues(0)
                    .filter(v -> !v.isString())
                    .ifPresent(v -> ctx.setOutputValues(
                            0,
                            to == DType.BOOL
                                    ? ConstantValues.ofLongs(Arrays.stream(v.asDoubles())
                                            .mapToLong(d -> d != 0 ? 1 : 0)
                                            .toArray())
                                    : ConstantValues.ofLongs(v.asLongs())));
            ctx.inputDims(0).ifPresent(d -> ctx.setOutputDims(0, d));
        } else if (to.isFloating()) {
            ctx.inputValues(0)
                    .filter(v -> !v.isString())
                    .ifPresent(v -> ctx.setOutputValues(0, ConstantValues.ofDoubles(v.asDoubles())));
        }
    }

    /** The gradient is cast back; no values are kept. */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return BackwardSaves.NOTHING;
    }

    @Override
    public String shapeRule() {
        return "same shape, dtype from `to`; known values converted";
    }
}
