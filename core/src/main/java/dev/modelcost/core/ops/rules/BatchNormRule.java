package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/** BatchNormalization (inference): scale/B are learned, mean/var are running statistics. */
final class BatchNormRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("BatchNormalization"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        ctx.setOutput(0, ctx.input(0));
        for (int i = 1; i < ctx.node().outputs().size(); i++) {
            ctx.setOutput(i, ctx.input(Math.min(i + 2, 4)));
        }
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return switch (index) {
            case 1, 2 -> TensorRole.NORM_SCALE_SHIFT;
            case 3, 4 -> TensorRole.NORM_STATISTIC;
            default -> null;
        };
    }

    /**
     * Training mode keeps the input (plus per-channel mean and inverse deviation, which are parameter-sized
     * and not counted). The output is a new tensor.
     */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return BackwardSaves.FIRST_INPUT;
    }

    @Override
    public String shapeRule() {
        return "same as X; training outputs like the statistics";
    }
}
