package dev.modelcost.core.ops.roles;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.RolePattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * onnxruntime's dynamic quantization: MatMulInteger (or ConvInteger) → Cast → Mul by the combined scale (input scale ×
 * stored weight scale, or a stored scale) → [Reshape/Unsqueeze] → Add of the stored float bias. The stored weight
 * scale is a quantization parameter and the added vector the layer's bias.
 */
final class DynamicQuantPattern implements RolePattern {
    private static final int MAX_STEPS = 6;

    @Override
    public void suggest(Graph graph, Map<String, TensorRole> suggested) {
        GraphIndex g = new GraphIndex(graph);
        Map<String, List<Node>> consumers = new HashMap<>();
        for (Node n : graph.nodes()) {
            for (String in : n.inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
        for (Node q : graph.nodes()) {
            if (GraphIndex.isOp(q, "MatMulInteger", -1) || GraphIndex.isOp(q, "ConvInteger", -1)) {
                follow(g, consumers, q.outputs().get(0), suggested);
            }
        }
    }

    private static void follow(
            GraphIndex g, Map<String, List<Node>> consumers, String value, Map<String, TensorRole> suggested) {
        boolean scaled = false;
        for (int step = 0; step < MAX_STEPS; step++) {
            List<Node> next = consumers.getOrDefault(value, List.of());
            if (next.size() != 1 || !next.get(0).domain().isEmpty()) {
                return;
            }
            Node c = next.get(0);
            String other = c.inputs().size() == 2 ? c.input(c.input(0).equals(value) ? 1 : 0) : "";
            switch (c.opType()) {
                case "Cast" -> {}
                case "Mul" -> {
                    Node combined = g.producer(other);
                    if (GraphIndex.isOp(combined, "Mul", 2)) {
                        combined.inputs().forEach(i -> claim(g, i, TensorRole.QUANTIZATION, suggested));
                    } else {
                        claim(g, other, TensorRole.QUANTIZATION, suggested);
                    }
                    scaled = true;
                }
                case "Reshape", "Unsqueeze" -> {
                    if (!scaled) {
                        return;
                    }
                }
                case "Add" -> {
                    if (scaled) {
                        Node view = g.producer(other);
                        boolean viewed = GraphIndex.isOp(view, "Reshape", -1) || GraphIndex.isOp(view, "Unsqueeze", -1);
                        claim(g, viewed ? view.input(0) : other, TensorRole.BIAS, suggested);
                    }
                    return;
                }
                default -> {
                    return;
                }
            }
            value = c.outputs().get(0);
        }
    }

    private static void claim(GraphIndex g, String value, TensorRole role, Map<String, TensorRole> suggested) {
        Tensor t = g.stored(value);
        if (t != null && t.dtype().isFloating()) {
            suggested.putIfAbsent(t.name(), role);
        }
    }

    @Override
    public String description() {
        return "MatMulInteger/ConvInteger -> Cast -> Mul(scale) -> Add(vector) (dynamic quantization): the stored weight "
                + "scale is a quantization parameter, the vector a bias";
    }
}
