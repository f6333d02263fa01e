package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/** Shape: a 1-D int64 tensor holding the input's dims (start/end since opset 15); its values are known when the dims are. */
final class ShapeOfRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("Shape"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape x = ctx.input(0).shape();
        if (!x.hasRank()) {
            ctx.setOutput(0, new TensorType(DType.INT64, Shape.unknownOfRank(1)));
            return;
        }
        int rank = x.rank();
        int start = clamp(ctx.node().intAttr("start", 0), rank);
        int end = clamp(ctx.node().intAttr("end", rank), rank);
        int length = Math.max(0, end - start);
        ctx.setOutput(0, TensorType.of(DType.INT64, length));
        Shape slice = Shape.of(x.dims().subList(start, start + length));
        if (slice.isFullyKnown()) {
            ctx.setOutputValues(0, ConstantValues.ofLongs(slice.sizes()));
        } else {
            ctx.setOutputDims(0, slice.dims());
        }
    }

    private static int clamp(long v, int rank) {
        long a = v < 0 ? v + rank : v;
        return (int) Math.max(0, Math.min(rank, a));
    }

    /** Integer output: no gradient. */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return BackwardSaves.NOTHING;
    }

    @Override
    public String shapeRule() {
        return "[rank] (or end - start) int64; values = dims when known";
    }
}
