package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/** PRelu: output broadcasts X with the learned slope, which is an "other" parameter. */
final class PReluRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("PRelu"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        // The slope broadcasts to X (unidirectionally from opset 7; per channel before), so Y is shaped like X.
        ctx.setOutput(0, ctx.input(0));
    }

    @Override
    public Allocation allocation() {
        return Allocation.IN_PLACE;
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 1 ? TensorRole.OTHER_PARAMETER : null;
    }

    /** Keeps its input: both the input and the slope gradients need it. */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return BackwardSaves.FIRST_INPUT;
    }

    @Override
    public String shapeRule() {
        return "same as X";
    }
}
