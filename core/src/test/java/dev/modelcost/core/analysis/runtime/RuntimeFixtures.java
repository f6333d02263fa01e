package dev.modelcost.core.analysis.runtime;

import dev.modelcost.core.analysis.ActivationAnalysis;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.analysis.RuntimeProfile;
import dev.modelcost.core.analysis.ShapeInference;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.RuntimeEstimate;
import dev.modelcost.core.report.RuntimeTerm;

import java.util.LinkedHashMap;
import java.util.Map;

/** Runs a runtime profile on a hand-built graph, as ModelAnalysis does for a file. */
final class RuntimeFixtures {
    static final OpRegistry REGISTRY = OpRegistry.standard();

    private RuntimeFixtures() {}

    static RuntimeEstimate estimate(Graph g, RuntimeProfile runtime, long batch) {
        Assumptions a = Assumptions.DEFAULT.withBatch(batch).withRuntime(runtime);
        InferredTypes t = ShapeInference.run(g, a, REGISTRY);
        long ideal = ActivationAnalysis.run(g, t, REGISTRY, a).summary().peakLiveBytesBeyondInputs();
        return RuntimeEstimator.inference(g, t, REGISTRY, a, ideal);
    }

    /** The terms by key, in order. */
    static Map<String, Long> terms(RuntimeEstimate e) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (RuntimeTerm t : e.terms()) {
            out.put(t.key(), t.bytes());
        }
        return out;
    }
}
