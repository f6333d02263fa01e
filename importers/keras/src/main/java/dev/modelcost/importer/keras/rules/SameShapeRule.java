package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.OpRule;

/**
 * Layers whose output has the input's shape: activations (in place), dropout and noise layers
 * (views at inference), normalisations and rescaling (new buffers). No MACs counted.
 */
final class SameShapeRule implements OpRule {
    private final Allocation allocation;

    SameShapeRule(Allocation allocation) { this.allocation = allocation; }

    @Override
    public void infer(InferenceContext ctx) {
        TensorType x = K.x(ctx);
        ctx.setOutput(0, allocation == Allocation.VIEW ? x : new TensorType(K.outDType(ctx.node(), x), x.shape()));
    }

    @Override
    public Allocation allocation() { return allocation; }
}
