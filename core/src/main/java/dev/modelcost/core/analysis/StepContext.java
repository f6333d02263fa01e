package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.ops.OpRule;

import java.util.Optional;

/** What every phase of the training-step simulation reads: the graph, its inferred types, the rules, the assumptions. */
record StepContext(Graph graph, InferredTypes types, OpRegistry registry, Assumptions assumptions) {

    /** A value's size per sample: {@code known} is false when an unknown dim or dtype makes it a lower bound. */
    record Sized(long elements, long bytes, boolean known) {}

    Optional<OpRule> rule(Node n) {
        return registry.find(n.domain(), n.opType(), graph.opsetFor(n.domain()));
    }

    /** Elements and bytes per sample in the working type (or {@code override} when not null). */
    Sized size(TensorType t, DType override) {
        if (!t.shape().isFullyKnown()) {
            return new Sized(0, 0, false);
        }
        long n = t.shape().elementCount().getAsLong();
        DType d = override != null ? override : ParameterState.workingType(t.dtype(), assumptions);
        if (!d.hasFixedWidth()) {
            return new Sized(n, 0, false);
        }
        return new Sized(n, d.bytesFor(n).getAsLong(), true);
    }

    Sized size(String value) {
        return size(types.typeOf(value), null);
    }
}
