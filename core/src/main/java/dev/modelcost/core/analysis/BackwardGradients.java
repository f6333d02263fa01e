package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ops.Allocation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The gradient buffers of a {@link TrainingStep}, placed on its timeline. */
final class BackwardGradients {
    private BackwardGradients() { }

    /**
     * One gradient buffer per activation that needs one, from the backward pass of its last consumer (or the
     * loss, for graph outputs) to that of its producer. The gradient of a view's only input is the view's gradient.
     */
    static void ofActivations(TrainingStep s) {
        Set<String> outputs = new HashSet<>();
        s.g.outputs().forEach(v -> outputs.add(v.name()));
        Map<String, String> gradOf = new HashMap<>();
        Map<String, int[]> spans = new HashMap<>();
        Map<String, long[]> sizes = new HashMap<>();
        for (int k = s.order.size() - 1; k >= 0; k--) {
            if (!s.differentiates[k]) {
                continue;
            }
            for (String v : s.order.get(k).outputs()) {
                if (!s.requiresGrad.contains(v)) {
                    continue;
                }
                int last = -1;
                for (int c : s.consumers.getOrDefault(v, List.of())) {
                    last = s.differentiates[c] ? Math.max(last, c) : last;
                }
                if (last < 0 && !outputs.contains(v)) {
                    continue;
                }
                int from = outputs.contains(v) ? s.order.size() + 1 : s.backwardSlot(last);
                String viewGrad = viewGradient(s, v);
                if (viewGrad != null && gradOf.containsKey(viewGrad)) {
                    String key = gradOf.get(viewGrad);
                    gradOf.put(v, key);
                    spans.get(key)[1] = Math.max(spans.get(key)[1], s.backwardSlot(k));
                    continue;
                }
                gradOf.put(v, v);
                spans.put(v, new int[] {from, s.backwardSlot(k)});
                long[] size = s.size(s.types.typeOf(v), null);
                sizes.put(v, size);
            }
        }
        for (Map.Entry<String, int[]> e : spans.entrySet()) {
            long bytes = sizes.get(e.getKey())[1];
            boolean scales = s.fromData.contains(e.getKey());
            s.timeline.add(e.getValue()[0], e.getValue()[1], scales ? bytes : 0, scales ? 0 : bytes);
        }
    }

    /** The output of the view that is {@code v}'s only consumer, whose gradient {@code v} then shares. */
    private static String viewGradient(TrainingStep s, String v) {
        List<Integer> cs = s.consumers.getOrDefault(v, List.of());
        if (cs.size() != 1) {
            return null;
        }
        Node c = s.order.get(cs.get(0));
        boolean view = s.rule(c).map(r -> r.trainingAllocation(c)).orElse(Allocation.NEW) == Allocation.VIEW;
        return view && c.input(0).equals(v) && !c.outputs().isEmpty() ? c.outputs().get(0) : null;
    }

    /** A parameter's gradient appears at its last consumer's backward pass and is kept for the update. */
    static void ofParameters(TrainingStep s, Map<String, Long> bytesByTensor) {
        int update = 2 * s.order.size() + 1;
        Map<String, Integer> lastConsumer = new HashMap<>();
        for (int k = 0; k < s.order.size(); k++) {
            for (String in : s.order.get(k).inputs()) {
                if (bytesByTensor.containsKey(in)) {
                    lastConsumer.put(in, k);
                }
            }
        }
        for (Map.Entry<String, Long> e : bytesByTensor.entrySet()) {
            Integer k = lastConsumer.get(e.getKey());
            s.timeline.add(k == null ? update : s.backwardSlot(k), update, 0, e.getValue());
        }
    }
}
