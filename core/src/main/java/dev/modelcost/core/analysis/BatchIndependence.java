package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Diagnostic;

import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Values computed from the data that are the same for every sample: a position embedding gathered by a Range over the
 * sequence length, a mask built from a shape. Their size does not change with the batch, so they are fixed bytes, not
 * activations per sample. Told by inferring the shapes once more for one sample more: a value whose size is the same
 * at both batches does not depend on it. Where no data input grows with the batch (the shapes are per sample and no
 * axis can take another batch), or the probe infers less than the shapes did, nothing can be told and the set is empty.
 */
final class BatchIndependence {
    private BatchIndependence() {}

    /**
     * @param types   the shapes as inferred for {@code samples} samples under {@code a}
     * @param samples the samples those shapes hold
     */
    static Set<String> of(Graph g, InferredTypes types, Assumptions a, long samples, OpRegistry registry) {
        InferredTypes probe = ShapeInference.run(g, a.withBatch(samples + 1), registry);
        boolean someInputGrows = false;
        for (ValueInfo in : g.dataInputs()) {
            someInputGrows |= grows(types, probe, in.name());
        }
        Set<String> same = new HashSet<>();
        // A probe that infers less than the shapes did (a Reshape whose fixed target no longer fits, its output then
        // taken as the file declares it) would show folded sizes as the same at both batches: nothing is told then.
        if (!someInputGrows || warnings(probe) > warnings(types)) {
            return same;
        }
        for (Node n : types.schedule().all()) {
            for (String out : n.outputs()) {
                OptionalLong now = types.typeOf(out).shape().elementCount();
                OptionalLong more = probe.typeOf(out).shape().elementCount();
                if (!out.isEmpty() && now.isPresent() && more.isPresent() && now.getAsLong() == more.getAsLong()) {
                    same.add(out);
                }
            }
        }
        return same;
    }

    private static long warnings(InferredTypes t) {
        return t.diagnostics().stream()
                .filter(d -> d.severity() == Diagnostic.Severity.WARNING)
                .count();
    }

    private static boolean grows(InferredTypes types, InferredTypes probe, String value) {
        OptionalLong now = types.typeOf(value).shape().elementCount();
        OptionalLong more = probe.typeOf(value).shape().elementCount();
        return now.isPresent() && more.isPresent() && more.getAsLong() > now.getAsLong();
    }
}
