package dev.modelcost.core.ops.roles;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.RolePattern;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Detection exports store the anchor (prior) boxes their configuration computes, and decode the network's box
 * regressions against them after the last layer: {@code centre = delta * variance * prior_size + prior_centre}. Such a
 * tensor is a buffer, not a parameter. It is recognised by three things together, none of which a learned tensor
 * shows: the layout of N points or boxes ([1, ..., 1, N, 2 or 4], or [1, ..., 1, 2 or 4, N], N above 4); every
 * reader is elementwise arithmetic (Add, Sub, Mul, Div, Concat) of it with a computed value; and what those readers
 * compute reaches the outputs without meeting a learned layer (no node after them reads a stored floating tensor of
 * more than one element, other than another such buffer).
 */
final class AnchorBufferPattern implements RolePattern {
    private static final Set<String> ELEMENTWISE = Set.of("Add", "Sub", "Mul", "Div", "Concat");
    private static final int MIN_POINTS = 5;

    @Override
    public void suggest(Graph graph, Map<String, TensorRole> suggested) {
        Map<String, List<Node>> readers = readers(graph);
        Set<String> candidates = new HashSet<>();
        for (Tensor t : graph.tensors().values()) {
            if (!suggested.containsKey(t.name())
                    && hasPointLayout(t)
                    && readByArithmeticWithComputedValues(graph, readers.get(t.name()), t.name())) {
                candidates.add(t.name());
            }
        }
        for (String c : candidates) {
            if (!learnedLayerAfter(graph, readers, readers.get(c), candidates)) {
                suggested.putIfAbsent(c, TensorRole.BUFFER);
            }
        }
    }

    /** [1, ..., 1, N, k] or [1, ..., 1, k, N] with k = 2 (centres, sizes) or 4 (boxes) and N > 4 points. */
    static boolean hasPointLayout(Tensor t) {
        if (!t.dtype().isFloating() || !t.shape().isFullyKnown() || t.shape().rank() < 2) {
            return false;
        }
        long[] d = t.shape().sizes();
        int r = d.length;
        for (int i = 0; i < r - 2; i++) {
            if (d[i] != 1) {
                return false;
            }
        }
        return isCoordinates(d[r - 1]) && d[r - 2] >= MIN_POINTS || isCoordinates(d[r - 2]) && d[r - 1] >= MIN_POINTS;
    }

    private static boolean isCoordinates(long k) {
        return k == 2 || k == 4;
    }

    private static boolean readByArithmeticWithComputedValues(Graph graph, List<Node> readers, String name) {
        if (readers == null || readers.isEmpty()) {
            return false;
        }
        for (Node n : readers) {
            if (!n.domain().isEmpty() || !ELEMENTWISE.contains(n.opType())) {
                return false;
            }
            boolean computedOperand = false;
            for (String in : n.inputs()) {
                computedOperand |=
                        !in.isEmpty() && !in.equals(name) && !graph.tensors().containsKey(in);
            }
            if (!computedOperand) {
                return false;
            }
        }
        return true;
    }

    /** Whether a node fed (directly or not) by {@code start} reads a stored floating tensor that is not a buffer. */
    private static boolean learnedLayerAfter(
            Graph graph, Map<String, List<Node>> readers, List<Node> start, Set<String> buffers) {
        Deque<Node> queue = new ArrayDeque<>(start);
        Set<Node> seen = new HashSet<>(start);
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            for (String in : n.inputs()) {
                Tensor t = graph.tensors().get(in);
                if (t != null
                        && t.dtype().isFloating()
                        && t.shape().elementCount().orElse(2) > 1
                        && !buffers.contains(in)) {
                    return true;
                }
            }
            for (String out : n.outputs()) {
                for (Node next : readers.getOrDefault(out, List.of())) {
                    if (seen.add(next)) {
                        queue.add(next);
                    }
                }
            }
        }
        return false;
    }

    private static Map<String, List<Node>> readers(Graph graph) {
        Map<String, List<Node>> out = new HashMap<>();
        for (Node n : graph.nodes()) {
            for (String in : n.inputs()) {
                if (!in.isEmpty()) {
                    out.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                }
            }
        }
        return out;
    }

    @Override
    public String description() {
        return "a stored [1, ..., N, 2 or 4] (or [.., 2 or 4, N]) float tensor read only by Add/Sub/Mul/Div/Concat"
                + " with computed values, after the last learned layer: anchor or prior boxes, a buffer (not a"
                + " parameter)";
    }
}
