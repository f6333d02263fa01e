package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.ArrayList;
import java.util.List;

/** MaxPool, AveragePool, LpPool: windows over the spatial axes; MaxPool's optional second output is int64 indices. */
final class PoolRule implements OpRule {
    private static final List<OpKey> KEYS =
            List.of(OpKey.onnx("MaxPool"), OpKey.onnx("AveragePool"), OpKey.onnx("LpPool"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        Shape x = ctx.input(0).shape();
        if (!x.hasRank()) {
            ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.UNKNOWN_RANK));
            return;
        }
        int spatial = x.rank() - 2;
        long[] kernel =
                ctx.node().intsAttr("kernel_shape").orElseThrow(() -> new RuleCannotTell("missing kernel_shape"));
        boolean ceil = ctx.node().intAttr("ceil_mode", 0) != 0;
        List<Dim> out = new ArrayList<>(x.dims().subList(0, 2));
        for (int i = 0; i < spatial; i++) {
            out.add(Windows.outputDim(ctx.node(), x.dim(i + 2), i, spatial, kernel[i], ceil));
        }
        Shape shape = Shape.of(out);
        ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), shape));
        if (ctx.node().outputs().size() > 1) {
            ctx.setOutput(1, new TensorType(DType.INT64, shape));
        }
    }

    /**
     * MaxPool keeps its input and int64 argmax indices shaped like the output (PyTorch's max_pool2d_with_indices);
     * AveragePool keeps its input; LpPool its input and output.
     */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return switch (node.opType()) {
            case "MaxPool" -> BackwardSaves.FIRST_INPUT.withAuxBits(64);
            case "LpPool" -> new BackwardSaves(BackwardSaves.Inputs.FIRST, true, 0);
            default -> BackwardSaves.FIRST_INPUT;
        };
    }

    @Override
    public String shapeRule() {
        return "[N, C, floor or ceil((D + pads - dilation*(k-1) - 1) / stride) + 1 ...]";
    }
}
