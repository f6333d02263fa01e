package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.ActivationSummary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Activation memory over the schedule. Each value either owns a buffer or aliases one (views; in-place
 * activations on another layer's output that nothing else reads). A buffer is alive from the step that
 * writes it to the last step that reads any of its aliases; graph inputs live from the start, graph
 * outputs to the end. Values whose content is known without running the model (computed shapes) are
 * fixed; all others scale with the batch.
 */
public final class ActivationAnalysis {

    /** Per node: the elements and bytes it allocates per sample. */
    public record Allocated(long elements, long bytes) { }

    /**
     * @param liveBytesAfterStep bytes alive for the assumed batch while each node of the schedule runs (its inputs
     *                           still held, its outputs written), in schedule order
     */
    public record Result(ActivationSummary summary, Map<Node, Allocated> perNode, long[] liveBytesAfterStep) { }

    /** A buffer's bytes: the part that scales with the batch and the part that does not. */
    private record Buffer(String name, long perSampleBytes, long fixedBytes, int firstStep) { }

    private ActivationAnalysis() { }

    public static Result run(Graph g, InferredTypes types, OpRegistry registry, Assumptions a) {
        List<Node> order = types.schedule().all();
        Set<String> graphInputs = new HashSet<>();
        g.inputs().forEach(v -> graphInputs.add(v.name()));
        Set<String> graphOutputs = new HashSet<>();
        g.outputs().forEach(v -> graphOutputs.add(v.name()));
        Map<String, Integer> consumers = countConsumers(order);

        boolean[] complete = {true};
        Map<String, String> bufferOf = new HashMap<>();
        List<Buffer> buffers = new ArrayList<>();
        long elements = 0;
        long bytes = 0;
        for (ValueInfo in : g.dataInputs()) {
            long[] eb = sizeOf(types.typeOf(in.name()), a, complete);
            elements += eb[0];
            bytes += eb[1];
            bufferOf.put(in.name(), in.name());
            buffers.add(new Buffer(in.name(), eb[1], 0, -1));
        }
        Map<Node, Allocated> perNode = new java.util.IdentityHashMap<>();
        for (int step = 0; step < order.size(); step++) {
            Node n = order.get(step);
            Allocation alloc = registry.find(n.domain(), n.opType(), g.opsetFor(n.domain()))
                    .map(r -> r.allocation(n)).orElse(Allocation.NEW);
            long nodeElements = 0;
            long nodeBytes = 0;
            for (int i = 0; i < n.outputs().size(); i++) {
                String out = n.outputs().get(i);
                if (out.isEmpty()) {
                    continue;
                }
                String source = n.input(0);
                if (i == 0 && alloc == Allocation.VIEW && (bufferOf.containsKey(source) || g.tensors().containsKey(source))) {
                    if (bufferOf.containsKey(source)) {
                        bufferOf.put(out, bufferOf.get(source));
                    }
                    continue;
                }
                if (i == 0 && alloc == Allocation.IN_PLACE && bufferOf.containsKey(source) && !graphInputs.contains(source)
                        && consumers.getOrDefault(source, 0) == 1 && !graphOutputs.contains(source)) {
                    bufferOf.put(out, bufferOf.get(source));
                    continue;
                }
                long[] eb = sizeOf(types.typeOf(out), a, complete);
                boolean fixed = types.valuesOf(out).isPresent();
                bufferOf.put(out, out);
                buffers.add(new Buffer(out, fixed ? 0 : eb[1], fixed ? eb[1] : 0, step));
                if (!fixed) {
                    nodeElements += eb[0];
                    nodeBytes += eb[1];
                }
            }
            perNode.put(n, new Allocated(nodeElements, nodeBytes));
            elements = Math.addExact(elements, nodeElements);
            bytes = Math.addExact(bytes, nodeBytes);
        }

        Map<String, Integer> lastUse = new HashMap<>();
        for (int step = 0; step < order.size(); step++) {
            for (String in : order.get(step).inputs()) {
                String b = bufferOf.get(in);
                if (b != null) {
                    lastUse.put(b, step);
                }
            }
        }
        for (String out : graphOutputs) {
            String b = bufferOf.get(out);
            if (b != null) {
                lastUse.put(b, Integer.MAX_VALUE);
            }
        }
        // Sweep with difference arrays: a buffer counts from the step that writes it to its last reader.
        int steps = order.size() + 1; // slot 0 is "before the first node"
        Timeline all = new Timeline(steps);
        Timeline beyondInputs = new Timeline(steps);
        for (Buffer b : buffers) {
            int from = b.firstStep() + 1;
            int last = lastUse.getOrDefault(b.name(), b.firstStep());
            int to = last == Integer.MAX_VALUE ? steps - 1 : Math.max(last + 1, from);
            all.add(from, to, b.perSampleBytes(), b.fixedBytes());
            if (b.firstStep() >= 0) {
                beyondInputs.add(from, to, b.perSampleBytes(), b.fixedBytes());
            }
        }
        long[][] live = all.live();
        int peakSlot = Timeline.argmax(live, a.batch(), 0, steps - 1);
        long peak = Timeline.bytesAt(live[peakSlot], a.batch());
        long peakPerSample = Timeline.bytesAt(live[Timeline.argmax(live, 1, 0, steps - 1)], 1);
        long[][] liveBeyond = beyondInputs.live();
        long peakBeyond = Timeline.bytesAt(liveBeyond[Timeline.argmax(liveBeyond, a.batch(), 0, steps - 1)], a.batch());
        String peakNode = peakSlot == 0 ? "(inputs)" : order.get(peakSlot - 1).label();
        long[] liveAfter = new long[order.size()];
        for (int i = 0; i < order.size(); i++) {
            liveAfter[i] = Timeline.bytesAt(live[i + 1], a.batch());
        }
        long[] livePerStep = new long[steps];
        for (int i = 0; i < steps; i++) {
            livePerStep[i] = Timeline.bytesAt(live[i], a.batch());
        }
        ActivationSummary summary = new ActivationSummary(a.batch(), elements, bytes, peakPerSample, peak, peakNode, complete[0],
                live[peakSlot][1], live[peakSlot][0], peakBeyond, livePerStep);
        return new Result(summary, perNode, liveAfter);
    }

    private static Map<String, Integer> countConsumers(List<Node> order) {
        Map<String, Integer> c = new HashMap<>();
        for (Node n : order) {
            for (String in : new HashSet<>(n.inputs())) {
                c.merge(in, 1, Integer::sum);
            }
        }
        return c;
    }

    /** Elements and bytes of a value per sample; unknown dims or dtypes clear {@code complete}. */
    private static long[] sizeOf(TensorType t, Assumptions a, boolean[] complete) {
        if (!t.shape().isFullyKnown()) {
            complete[0] = false;
            return new long[] {0, 0};
        }
        long n = t.shape().elementCount().getAsLong();
        DType d = a.activationDType() != null && t.dtype().isFloating() ? a.activationDType() : t.dtype();
        if (!d.hasFixedWidth()) {
            complete[0] = false;
            return new long[] {n, 0};
        }
        return new long[] {n, d.bytesFor(n).getAsLong()};
    }
}
