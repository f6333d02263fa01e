package dev.modelcost.core.analysis.runtime;

import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.RuntimeEstimate;

import java.util.List;

final class OrtInference {
    private OrtInference() {}

    static RuntimeEstimate estimate(Graph g, InferredTypes types, OpRegistry registry, ExecGraph eg, long idealBytes) {
        return new RuntimeEstimate("onnxruntime", idealBytes, idealBytes, "", List.of());
    }
}
