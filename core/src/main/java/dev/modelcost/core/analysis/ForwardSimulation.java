package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.BackwardSaves;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.report.BatchScaledBytes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The forward half of {@link TrainingMemory}'s simulation: which nodes run a backward pass, which values need a
 * gradient, each forward buffer's span and what is kept for backward. The working state lives only inside
 * {@link #run}, which returns it as a {@link ForwardPass}.
 */
final class ForwardSimulation {
    private final StepContext ctx;
    private final Set<String> learned;
    private final List<Node> order;
    private final Map<String, Integer> producer = new HashMap<>();
    private final Map<String, List<Integer>> consumers = new HashMap<>();
    private final Set<String> requiresGrad = new HashSet<>();
    private final Set<String> fromData = new HashSet<>();
    private final boolean[] differentiates;
    private final BackwardSaves[] saves;
    private final Map<String, String> bufferOf = new HashMap<>();
    private final Map<String, BatchScaledBytes> bufferSize = new HashMap<>();
    private final Map<String, int[]> bufferSpan = new HashMap<>();
    private final Set<String> savedBuffers = new HashSet<>();
    private final List<Timeline.Span> spans = new ArrayList<>();
    private BatchScaledBytes saved = BatchScaledBytes.ZERO;
    private boolean complete = true;

    private ForwardSimulation(StepContext ctx, Set<String> learned) {
        this.ctx = ctx;
        this.learned = learned;
        this.order = ctx.types().schedule().all();
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

    /** Allocates every forward buffer, marks what is saved, and decides which nodes run a backward pass. */
    static ForwardPass run(StepContext ctx, Set<String> learned) {
        ForwardSimulation s = new ForwardSimulation(ctx, learned);
        s.allocate();
        s.extendLifetimes();
        return s.result();
    }

    private int backwardSlot(int k) {
        return 2 * order.size() - k;
    }

    private void allocate() {
        int end = 2 * order.size() + 1;
        for (ValueInfo in : ctx.graph().dataInputs()) {
            fromData.add(in.name());
            newBuffer(in.name(), 0, false);
            bufferSpan.get(in.name())[1] = end;
        }
        for (int k = 0; k < order.size(); k++) {
            forwardOf(k);
        }
    }

    private void forwardOf(int k) {
        Node n = order.get(k);
        Optional<OpRule> rule = ctx.rule(n);
        boolean data = false;
        for (String in : n.inputs()) {
            differentiates[k] |= learned.contains(in) || requiresGrad.contains(in);
            data |= fromData.contains(in);
        }
        saves[k] = differentiates[k]
                ? rule.map(r -> r.savedForBackward(n)).orElse(BackwardSaves.INPUTS)
                : BackwardSaves.NOTHING;
        Allocation alloc = rule.map(r -> r.trainingAllocation(n)).orElse(Allocation.NEW);
        InferredTypes types = ctx.types();
        for (int i = 0; i < n.outputs().size(); i++) {
            String out = n.outputs().get(i);
            if (out.isEmpty()) {
                continue;
            }
            boolean perSample = data && !types.isBatchIndependent(out);
            if (perSample) {
                fromData.add(out);
            }
            if (differentiates[k]
                    && types.typeOf(out).dtype().isFloating()
                    && types.valuesOf(out).isEmpty()) {
                requiresGrad.add(out);
            }
            if (i == 0 && aliases(n, k, alloc)) {
                String source = bufferOf.get(n.input(0));
                if (source != null) {
                    bufferOf.put(out, source);
                }
                continue;
            }
            newBuffer(out, k + 1, types.valuesOf(out).isPresent() || !perSample);
        }
        if (saves[k].auxBitsPerOutputElement() > 0 && !n.outputs().isEmpty()) {
            StepContext.Sized s = sized(ctx.size(types.typeOf(n.outputs().get(0)), DType.UINT8));
            long bytes = Math.multiplyExact(s.elements(), (long) saves[k].auxBitsPerOutputElement()) / 8;
            BatchScaledBytes aux =
                    BatchScaledBytes.of(bytes, fromData.contains(n.outputs().get(0)));
            spans.add(new Timeline.Span(k + 1, backwardSlot(k), aux));
            saved = saved.plus(aux);
        }
    }

    /** Views alias their input; in-place ops alias it when nothing else reads it or keeps it for backward. */
    private boolean aliases(Node n, int k, Allocation alloc) {
        String source = n.input(0);
        if (alloc == Allocation.VIEW) {
            return bufferOf.containsKey(source) || ctx.graph().tensors().containsKey(source);
        }
        if (alloc != Allocation.IN_PLACE || !bufferOf.containsKey(source) || saves[k].savesInput(0)) {
            return false;
        }
        boolean graphEdge = ctx.graph().inputs().stream().anyMatch(v -> v.name().equals(source))
                || ctx.graph().outputs().stream().anyMatch(v -> v.name().equals(source));
        Integer p = producer.get(source);
        boolean producerKeepsIt = p != null && p < k && saves[p].outputs();
        return !graphEdge
                && !producerKeepsIt
                && consumers.getOrDefault(source, List.of()).size() == 1;
    }

    private void newBuffer(String value, int slot, boolean fixed) {
        long bytes = sized(ctx.size(value)).bytes();
        bufferOf.put(value, value);
        bufferSize.put(value, BatchScaledBytes.of(bytes, !fixed));
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
        for (ValueInfo out : ctx.graph().outputs()) {
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

    private StepContext.Sized sized(StepContext.Sized s) {
        complete &= s.known();
        return s;
    }

    private ForwardPass result() {
        for (Map.Entry<String, BatchScaledBytes> e : bufferSize.entrySet()) {
            int[] span = bufferSpan.get(e.getKey());
            spans.add(new Timeline.Span(span[0], span[1], e.getValue()));
            if (savedBuffers.contains(e.getKey())) {
                saved = saved.plus(e.getValue());
            }
        }
        List<Boolean> diff = new ArrayList<>();
        for (boolean d : differentiates) {
            diff.add(d);
        }
        Map<String, List<Integer>> readers = new HashMap<>();
        consumers.forEach((v, steps) -> readers.put(v, List.copyOf(steps)));
        return new ForwardPass(order, readers, diff, requiresGrad, fromData, spans, saved, complete);
    }
}
