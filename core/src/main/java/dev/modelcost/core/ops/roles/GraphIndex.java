package dev.modelcost.core.ops.roles;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Tensor;

import java.util.HashMap;
import java.util.Map;

/** What the role patterns look up in one graph: the node producing each value, and default-domain op tests. */
final class GraphIndex {
    private final Graph graph;
    private final Map<String, Node> producers = new HashMap<>();

    GraphIndex(Graph graph) {
        this.graph = graph;
        for (Node n : graph.nodes()) {
            for (String out : n.outputs()) {
                producers.put(out, n);
            }
        }
    }

    Graph graph() {
        return graph;
    }

    /** The node producing {@code value}, or null (graph input, stored tensor, unknown). */
    Node producer(String value) {
        return producers.get(value);
    }

    /** The stored tensor named {@code value}, or null. */
    Tensor stored(String value) {
        return graph.tensors().get(value);
    }

    /** A default-domain node of this type with this many inputs (any number for -1). */
    static boolean isOp(Node n, String type, int inputs) {
        return n != null
                && n.domain().isEmpty()
                && n.opType().equals(type)
                && (inputs < 0 || n.inputs().size() == inputs);
    }

    /** A stored floating-point tensor with exactly one dimension above 1: [C], [C, 1], [1, C, 1, 1], ... */
    static boolean isChannelVector(Tensor t) {
        if (t == null || !t.dtype().isFloating() || !t.shape().isFullyKnown()) {
            return false;
        }
        int above1 = 0;
        for (long d : t.shape().sizes()) {
            above1 += d > 1 ? 1 : 0;
        }
        return above1 == 1;
    }
}
