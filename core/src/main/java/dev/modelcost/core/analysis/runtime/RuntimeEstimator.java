package dev.modelcost.core.analysis.runtime;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.analysis.RuntimeProfile;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.RuntimeEstimate;
import dev.modelcost.core.report.TrainingSummary;

import java.util.Map;

/**
 * The runtime profiles (docs/memory.md, "Runtime profiles"): a runtime's predicted activation peak beside the ideal
 * one, each difference a named rule on the graph. Reads the IR, never changes it.
 */
public final class RuntimeEstimator {
    private RuntimeEstimator() {}

    /**
     * The inference peak beyond the caller's inputs under {@code a.runtime()}, for the batch {@code a} describes in
     * the analyses' unit (the inferred shapes hold {@code a.batch()} of it); null for the ideal profile.
     *
     * @param idealBytes the ideal peak beyond the inputs for the same batch, where the terms start
     */
    public static RuntimeEstimate inference(
            Graph g, InferredTypes types, OpRegistry registry, Assumptions a, long idealBytes) {
        if (a.runtime() == RuntimeProfile.IDEAL) {
            return null;
        }
        ExecGraph eg = ExecGraph.of(g, types, a.batch(), a.activationDType());
        return switch (a.runtime()) {
            case PYTORCH -> EagerInference.estimate(g, types, registry, eg, idealBytes);
            case ONNXRUNTIME -> OrtInference.estimate(g, types, registry, eg, idealBytes);
            case IDEAL -> null;
        };
    }

    /**
     * The training step under {@code a.runtime()} where that profile models training (PyTorch), else {@code ideal}.
     *
     * @param shapes the assumptions the types were inferred under
     * @param a      the analyses' assumptions ({@code a.batch()} in the inferred shapes' unit)
     */
    public static TrainingSummary training(
            Graph g,
            InferredTypes types,
            OpRegistry registry,
            Map<String, Tensor> tensors,
            Assumptions shapes,
            Assumptions a,
            TrainingSummary ideal) {
        return a.runtime() == RuntimeProfile.PYTORCH
                ? EagerTraining.estimate(g, types, registry, tensors, shapes, a, ideal)
                : ideal;
    }
}
