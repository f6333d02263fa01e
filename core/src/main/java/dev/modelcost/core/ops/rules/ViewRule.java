package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * Ops whose output is their first input (Identity, inference-time Dropout): they allocate nothing.
 * Dropout's optional mask output is bool of the same shape; its ratio input is a constant.
 */
final class ViewRule implements OpRule {
    private static final List<OpKey> KEYS =
            List.of(OpKey.onnx("Identity"), OpKey.onnx("Dropout"), OpKey.onnx("Dropout", 12));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    @Override
    public void infer(InferenceContext ctx) {
        var seq = ctx.inputSequence(0);
        if (seq.isPresent()) {
            ctx.setOutputSequence(0, seq.get());
            return;
        }
        ctx.setOutput(0, ctx.input(0));
        ctx.inputValues(0).ifPresent(v -> ctx.setOutputValues(0, v));
        ctx.inputDims(0).ifPresent(d -> ctx.setOutputDims(0, d));
        if (ctx.node().outputs().size() > 1) {
            ctx.setOutput(
                    1,
                    new dev.modelcost.core.ir.TensorType(
                            dev.modelcost.core.ir.DType.BOOL, ctx.input(0).shape()));
        }
    }

    @Override
    public Allocation allocation() {
        return Allocation.VIEW;
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? null : TensorRole.CONSTANT;
    }

    /** Training Dropout writes a new, masked tensor; Identity stays a view. */
    @Override
    public Allocation trainingAllocation(Node node) {
        return "Dropout".equals(node.opType()) ? Allocation.NEW : Allocation.VIEW;
    }

    /** Training Dropout keeps its bool mask (one byte per element); Identity keeps nothing. */
    @Override
    public BackwardSaves savedForBackward(Node node) {
        return "Dropout".equals(node.opType()) ? BackwardSaves.NOTHING.withAuxBits(8) : BackwardSaves.NOTHING;
    }

    @Override
    public String shapeRule() {
        return "same as input 0 (a view); Dropout mask bool";
    }
}
