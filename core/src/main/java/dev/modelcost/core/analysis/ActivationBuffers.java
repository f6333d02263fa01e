package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.BatchScaledBytes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first stage of {@link ActivationAnalysis}: which buffer each value lives in. Each value either owns a buffer
 * or aliases one (views; in-place activations on another layer's output that nothing else reads).
 *
 * @param bufferOf      per value, the name of the buffer holding it
 * @param buffers       every buffer: the data inputs (written before the first step, -1) and each node's new outputs
 * @param perNode       per node: the elements and bytes it allocates per sample
 * @param elements      the inputs' and every allocated output's elements per sample
 * @param bytes         the same in bytes
 * @param complete      false when unknown dims or dtypes made some sizes lower bounds
 */
record ActivationBuffers(
        Map<String, String> bufferOf,
        List<Buffer> buffers,
        Map<Node, ActivationAnalysis.Allocated> perNode,
        long elements,
        long bytes,
        boolean complete) {

    ActivationBuffers {
        bufferOf = Collections.unmodifiableMap(bufferOf);
        buffers = List.copyOf(buffers);
        perNode = Collections.unmodifiableMap(perNode); // by node identity, as built
    }

    /** A buffer written at {@code firstStep}; its bytes split into what scales with the batch and what does not. */
    record Buffer(String name, BatchScaledBytes bytes, int firstStep) {}

    static ActivationBuffers allocate(Graph g, InferredTypes types, OpRegistry registry, Assumptions a) {
        Builder b = new Builder(g, types, a);
        for (ValueInfo in : g.dataInputs()) {
            b.input(in.name());
        }
        List<Node> order = types.schedule().all();
        for (int step = 0; step < order.size(); step++) {
            Node n = order.get(step);
            b.node(
                    n,
                    step,
                    registry.find(n.domain(), n.opType(), g.opsetFor(n.domain()))
                            .map(r -> r.allocation(n))
                            .orElse(Allocation.NEW));
        }
        return new ActivationBuffers(b.bufferOf, b.buffers, b.perNode, b.elements, b.bytes, b.complete);
    }

    private static final class Builder {
        private final Graph g;
        private final InferredTypes types;
        private final Assumptions a;
        private final Set<String> graphInputs = new HashSet<>();
        private final Set<String> graphOutputs = new HashSet<>();
        /** Values computed from the graph's data inputs: they scale with the batch. */
        private final Set<String> fromData = new HashSet<>();

        private final Map<String, Integer> consumers = new HashMap<>();
        private final Map<String, String> bufferOf = new HashMap<>();
        private final List<Buffer> buffers = new ArrayList<>();
        private final Map<Node, ActivationAnalysis.Allocated> perNode = new IdentityHashMap<>();
        private long elements;
        private long bytes;
        private boolean complete = true;

        Builder(Graph g, InferredTypes types, Assumptions a) {
            this.g = g;
            this.types = types;
            this.a = a;
            g.inputs().forEach(v -> graphInputs.add(v.name()));
            g.outputs().forEach(v -> graphOutputs.add(v.name()));
            for (Node n : types.schedule().all()) {
                for (String in : new HashSet<>(n.inputs())) {
                    consumers.merge(in, 1, Integer::sum);
                }
            }
        }

        void input(String name) {
            fromData.add(name);
            long[] eb = sizeOf(types.typeOf(name));
            elements += eb[0];
            bytes += eb[1];
            bufferOf.put(name, name);
            buffers.add(new Buffer(name, BatchScaledBytes.perSample(eb[1]), -1));
        }

        void node(Node n, int step, Allocation alloc) {
            long nodeElements = 0;
            long nodeBytes = 0;
            boolean shapesKnown = true;
            boolean data = n.inputs().stream().anyMatch(fromData::contains);
            for (int i = 0; i < n.outputs().size(); i++) {
                String out = n.outputs().get(i);
                boolean perSample = data && !types.isBatchIndependent(out);
                if (perSample) {
                    fromData.add(out);
                }
                if (out.isEmpty() || i == 0 && aliases(n.input(0), out, alloc)) {
                    continue;
                }
                long[] eb = sizeOf(types.typeOf(out));
                // Known values (shapes), values computed from stored tensors alone (a transposed weight) and values
                // whose size does not depend on the batch (a position embedding) are the same for every sample:
                // fixed bytes, not activations per sample.
                boolean fixed = types.valuesOf(out).isPresent() || !perSample;
                bufferOf.put(out, out);
                buffers.add(new Buffer(out, BatchScaledBytes.of(eb[1], !fixed), step));
                if (!fixed) {
                    shapesKnown &= types.typeOf(out).shape().isFullyKnown();
                    nodeElements += eb[0];
                    nodeBytes += eb[1];
                }
            }
            perNode.put(n, new ActivationAnalysis.Allocated(nodeElements, nodeBytes, shapesKnown));
            elements = Math.addExact(elements, nodeElements);
            bytes = Math.addExact(bytes, nodeBytes);
        }

        /** Whether {@code out} shares its source's buffer (a view, or in place on a value nothing else reads). */
        private boolean aliases(String source, String out, Allocation alloc) {
            if (alloc == Allocation.VIEW
                    && (bufferOf.containsKey(source) || g.tensors().containsKey(source))) {
                if (bufferOf.containsKey(source)) {
                    bufferOf.put(out, bufferOf.get(source));
                }
                return true;
            }
            if (alloc == Allocation.IN_PLACE
                    && bufferOf.containsKey(source)
                    && !graphInputs.contains(source)
                    && consumers.getOrDefault(source, 0) == 1
                    && !graphOutputs.contains(source)) {
                bufferOf.put(out, bufferOf.get(source));
                return true;
            }
            return false;
        }

        /** Elements and bytes of a value per sample; unknown dims or dtypes clear {@code complete}. */
        private long[] sizeOf(TensorType t) {
            if (!t.shape().isFullyKnown()) {
                complete = false;
                return new long[] {0, 0};
            }
            long n = t.shape().elementCount().getAsLong();
            DType d = a.activationDType() != null && t.dtype().isFloating() ? a.activationDType() : t.dtype();
            if (!d.hasFixedWidth()) {
                complete = false;
                return new long[] {n, 0};
            }
            return new long[] {n, d.bytesFor(n).getAsLong()};
        }
    }
}
