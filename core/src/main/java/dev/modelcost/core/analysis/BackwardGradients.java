package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.report.BatchScaledBytes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The gradient buffers of a training step, as spans over the slots of its {@link ForwardPass}. */
final class BackwardGradients {
    private BackwardGradients() {}

    /** Gradient buffers; {@code complete} is false when an unknown shape or dtype made one a lower bound. */
    record Result(List<Timeline.Span> spans, boolean complete) {
        Result {
            spans = List.copyOf(spans);
        }
    }

    /**
     * One gradient buffer per activation that needs one, from the backward pass of its last consumer (or the
     * loss, for graph outputs) to that of its producer. The gradient of a view's only input is the view's gradient.
     */
    static Result ofActivations(StepContext ctx, ForwardPass f) {
        Set<String> outputs = new HashSet<>();
        ctx.graph().outputs().forEach(v -> outputs.add(v.name()));
        Map<String, String> gradOf = new HashMap<>();
        Map<String, int[]> spans = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        boolean complete = true;
        for (int k = f.order().size() - 1; k >= 0; k--) {
            if (!f.differentiates(k)) {
                continue;
            }
            for (String v : f.order().get(k).outputs()) {
                if (!f.requiresGrad().contains(v)) {
                    continue;
                }
                int last = -1;
                for (int c : f.consumers().getOrDefault(v, List.of())) {
                    last = f.differentiates(c) ? Math.max(last, c) : last;
                }
                if (last < 0 && !outputs.contains(v)) {
                    continue;
                }
                int from = outputs.contains(v) ? f.order().size() + 1 : f.backwardSlot(last);
                String viewGrad = viewGradient(ctx, f, v);
                if (viewGrad != null && gradOf.containsKey(viewGrad)) {
                    String key = gradOf.get(viewGrad);
                    gradOf.put(v, key);
                    spans.get(key)[1] = Math.max(spans.get(key)[1], f.backwardSlot(k));
                    continue;
                }
                gradOf.put(v, v);
                spans.put(v, new int[] {from, f.backwardSlot(k)});
                StepContext.Sized size = ctx.size(v);
                complete &= size.known();
                sizes.put(v, size.bytes());
            }
        }
        List<Timeline.Span> out = new ArrayList<>();
        for (Map.Entry<String, int[]> e : spans.entrySet()) {
            BatchScaledBytes bytes =
                    BatchScaledBytes.of(sizes.get(e.getKey()), f.fromData().contains(e.getKey()));
            out.add(new Timeline.Span(e.getValue()[0], e.getValue()[1], bytes));
        }
        return new Result(out, complete);
    }

    /** The output of the view that is {@code v}'s only consumer, whose gradient {@code v} then shares. */
    private static String viewGradient(StepContext ctx, ForwardPass f, String v) {
        List<Integer> cs = f.consumers().getOrDefault(v, List.of());
        if (cs.size() != 1) {
            return null;
        }
        Node c = f.order().get(cs.get(0));
        boolean view = ctx.rule(c).map(r -> r.trainingAllocation(c)).orElse(Allocation.NEW) == Allocation.VIEW;
        return view && c.input(0).equals(v) && !c.outputs().isEmpty()
                ? c.outputs().get(0)
                : null;
    }

    /** A parameter's gradient appears at its last consumer's backward pass and is kept for the update. */
    static List<Timeline.Span> ofParameters(ForwardPass f, Map<String, Long> bytesByTensor) {
        int update = f.updateSlot();
        Map<String, Integer> lastConsumer = new HashMap<>();
        for (int k = 0; k < f.order().size(); k++) {
            for (String in : f.order().get(k).inputs()) {
                if (bytesByTensor.containsKey(in)) {
                    lastConsumer.put(in, k);
                }
            }
        }
        List<Timeline.Span> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : bytesByTensor.entrySet()) {
            Integer k = lastConsumer.get(e.getKey());
            out.add(new Timeline.Span(
                    k == null ? update : f.backwardSlot(k), update, BatchScaledBytes.fixed(e.getValue())));
        }
        return out;
    }
}
