package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;

import java.util.List;

/**
 * TensorScatter (opset 24): writes update into past_cache at write_indices along the sequence axis; the
 * present cache has the past cache's shape (a static KV cache keeps its length).
 */
final class TensorScatterRule implements OpRule {

    @Override
    public List<OpKey> keys() {
        return List.of(OpKey.onnx("TensorScatter", 24));
    }

    @Override
    public void infer(InferenceContext ctx) {
        ctx.setOutput(0, ctx.input(0));
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return index == 0 ? null : TensorRole.CONSTANT;
    }

    @Override
    public String costFormula() {
        return "0 MACs (data movement)";
    }

    @Override
    public String shapeRule() {
        return "same as past_cache (input 0)";
    }
}
