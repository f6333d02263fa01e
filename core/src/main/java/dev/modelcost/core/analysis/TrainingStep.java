package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.ops.OpRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The forward half of {@link TrainingMemory}'s simulation and the state the backward half reads: which nodes run
 * a backward pass, which values need a gradient, each forward buffer's span and what is kept for backward.
 * Fields are filled phase by phase.
 */
final class TrainingStep {
    final Graph g;
    final InferredTypes types;
    final OpRegistry registry;
    final Assumptions a;
    final Set<String> learned;
    final List<Node> order;
    final Timeline timeline;
    final Map<String, Integer> producer = new HashMap<>();
    final Map<String, List<Integer>> consumers = new HashMap<>();
    final Set<String> requiresGrad = new HashSet<>();
    /** Values computed from the graph inputs: they scale with the batch; values of parameters alone do not. */
    final Set<String> fromData = new HashSet<>();
    final boolean[] differentiates;
    final BackwardSaves[] saves;
    final Map<String, String> bufferOf = new HashMap<>();
    final Map<String, long[]> bufferSize = new HashMap<>();
    final Map<String, int[]> bufferSpan = new HashMap<>();
    final Set<String> savedBuffers = new HashSet<>();
    long savedPerSample;
    long savedFixed;
    boolean complete = true;

    TrainingStep(Graph g, InferredTypes types, OpRegistry registry, Assumptions a, Set<String> learned) {
        this.g = g;
        this.types = types;
        this.registry = registry;
        this.a = a;
        this.learned = learned;
        this.order = types.schedule().all();
        this.timeline = new Timeline(2 * order.size() + 2);
        this.differentiates = new boolean[order.size()];
        this.saves = new BackwardSaves[order.size()];
        for (int k = 0; k < order.size(); k++) {
            Node n = order.get(k);
            for (String in : new HashSet<>(n.inputs())) {
                if (!in.isEmpty()) {
                    consumers.computeIfAbsent(in, x -> new ArrayList<>()).add(k);
                }
            }
            for (String out : n.outputs()) {
                producer.put(out, k);
            }
        }
    }

    int backwardSlot(int k) { return 2 * order.size() - k; }

    Optional<OpRule> rule(Node n) { return registry.find(n.domain(), n.opType(), g.opsetFor(n.domain())); }

    /** Allocates every forward buffer, marks what is saved, and decides which nodes run a backward pass. */
    void forward() {
        int end = 2 * order.size() + 1;
        for (ValueInfo in : g.dataInputs()) {
            fromData.add(in.name());
            newBuffer(in.name(), 0, false);
            bufferSpan.get(in.name())[1] = end;
        }
        for (int k = 0; k < order.size(); k++) {
            Node n = order.get(k);
            Optional<OpRule> rule = rule(n);
            boolean data = false;
            for (String in : n.inputs()) {
                differentiates[k] |= learned.contains(in) || requiresGrad.contains(in);
                data |= fromData.contains(in);
            }
            saves[k] = differentiates[k] ? rule.map(r -> r.savedForBackward(n)).orElse(BackwardSaves.INPUTS)
                    : BackwardSaves.NOTHING;
            Allocation alloc = rule.map(r -> r.trainingAllocation(n)).orElse(Allocation.NEW);
            for (int i = 0; i < n.outputs().size(); i++) {
                String out = n.outputs().get(i);
                if (out.isEmpty()) {
                    continue;
                }
                if (data) {
                    fromData.add(out);
                }
                if (differentiates[k] && types.typeOf(out).dtype().isFloating() && types.valuesOf(out).isEmpty()) {
                    requiresGrad.add(out);
                }
                if (i == 0 && aliases(n, k, alloc)) {
                    String source = bufferOf.get(n.input(0));
                    if (source != null) {
                        bufferOf.put(out, source);
                    }
                    continue;
                }
                newBuffer(out, k + 1, types.valuesOf(out).isPresent() || !data);
            }
            if (saves[k].auxBitsPerOutputElement() > 0 && !n.outputs().isEmpty()) {
                long[] s = size(types.typeOf(n.outputs().get(0)), DType.UINT8);
                long bytes = Math.multiplyExact(s[0], (long) saves[k].auxBitsPerOutputElement()) / 8;
                boolean scales = fromData.contains(n.outputs().get(0));
                timeline.add(k + 1, backwardSlot(k), scales ? bytes : 0, scales ? 0 : bytes);
                if (scales) {
                    savedPerSample = Math.addExact(savedPerSample, bytes);
                } else {
                    savedFixed = Math.addExact(savedFixed, bytes);
                }
            }
        }
        extendLifetimes();
        for (Map.Entry<String, long[]> e : bufferSize.entrySet()) {
            int[] span = bufferSpan.get(e.getKey());
            timeline.add(span[0], span[1], e.getValue()[0], e.getValue()[1]);
            if (savedBuffers.contains(e.getKey())) {
                savedPerSample = Math.addExact(savedPerSample, e.getValue()[0]);
                savedFixed = Math.addExact(savedFixed, e.getValue()[1]);
            }
        }
    }

    /** Views alias their input; in-place ops alias it when nothing else reads it or keeps it for backward. */
    private boolean aliases(Node n, int k, Allocation alloc) {
        String source = n.input(0);
        if (alloc == Allocation.VIEW) {
            return bufferOf.containsKey(source) || g.tensors().containsKey(source);
        }
        if (alloc != Allocation.IN_PLACE || !bufferOf.containsKey(source) || saves[k].savesInput(0)) {
            return false;
        }
        boolean graphEdge = g.inputs().stream().anyMatch(v -> v.name().equals(source))
                || g.outputs().stream().anyMatch(v -> v.name().equals(source));
        Integer p = producer.get(source);
        boolean producerKeepsIt = p != null && p < k && saves[p].outputs();
        return !graphEdge && !producerKeepsIt && consumers.getOrDefault(source, List.of()).size() == 1;
    }

    private void newBuffer(String value, int slot, boolean fixed) {
        long[] s = size(types.typeOf(value), null);
        bufferOf.put(value, value);
        bufferSize.put(value, fixed ? new long[] {0, s[1]} : new long[] {s[1], 0});
        bufferSpan.put(value, new int[] {slot, slot});
    }

    /** Readers keep a buffer to their forward step, graph outputs to the loss, savers to their backward pass. */
    private void extendLifetimes() {
        for (int k = 0; k < order.size(); k++) {
            Node n = order.get(k);
            for (int i = 0; i < n.inputs().size(); i++) {
                String b = bufferOf.get(n.input(i));
                if (b == null) {
                    continue;
                }
                extend(b, k + 1);
                if (saves[k].savesInput(i)) {
                    extend(b, backwardSlot(k));
                    savedBuffers.add(b);
                }
            }
            if (saves[k].outputs()) {
                for (String out : n.outputs()) {
                    String b = bufferOf.get(out);
                    if (b != null) {
                        extend(b, backwardSlot(k));
                        savedBuffers.add(b);
                    }
                }
            }
        }
        for (ValueInfo out : g.outputs()) {
            String b = bufferOf.get(out.name());
            if (b != null) {
                extend(b, order.size() + 1);
            }
        }
    }

    private void extend(String buffer, int slot) {
        int[] span = bufferSpan.get(buffer);
        span[1] = Math.max(span[1], slot);
    }

    /** {perSampleElements, perSampleBytes} in the working type (or {@code override}); unknowns clear {@code complete}. */
    long[] size(TensorType t, DType override) {
        if (!t.shape().isFullyKnown()) {
            complete = false;
            return new long[] {0, 0};
        }
        long n = t.shape().elementCount().getAsLong();
        DType d = override != null ? override : ParameterState.workingType(t.dtype(), a);
        if (!d.hasFixedWidth()) {
            complete = false;
            return new long[] {n, 0};
        }
        return new long[] {n, d.bytesFor(n).getAsLong()};
    }

    String label(int slot) {
        int s = order.size();
        if (slot == 0) {
            return "(inputs)";
        }
        if (slot <= s) {
            return "forward of " + order.get(slot - 1).label();
        }
        if (slot <= 2 * s) {
            return "backward of " + order.get(2 * s - slot).label();
        }
        return "optimizer update";
    }
}
