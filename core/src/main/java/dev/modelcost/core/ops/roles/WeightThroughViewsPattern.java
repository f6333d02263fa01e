package dev.modelcost.core.ops.roles;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.RolePattern;

import java.util.Map;
import java.util.Set;

/**
 * A weight that reaches its layer through views and gate reordering: CNTK reshapes a stored [16, 4, 4, 10] tensor
 * into MatMul's [256, 10]; PyTorch exports an LSTM's W and R through Slice and Concat to reorder the gates. The
 * stored float tensors at the start of such a chain (data inputs of Reshape, Transpose, Flatten, Squeeze, Unsqueeze,
 * Slice, Concat, Identity, Cast) feeding a weight input of MatMul, Gemm, Conv or a recurrent layer are weights.
 */
final class WeightThroughViewsPattern implements RolePattern {
    private static final Set<String> VIEWS =
            Set.of("Reshape", "Transpose", "Flatten", "Squeeze", "Unsqueeze", "Slice", "Identity", "Cast");
    private static final int MAX_CHAIN = 16;

    @Override
    public void suggest(Graph graph, Map<String, TensorRole> suggested) {
        GraphIndex g = new GraphIndex(graph);
        for (Node n : graph.nodes()) {
            if (!n.domain().isEmpty()) {
                continue;
            }
            switch (n.opType()) {
                case "MatMul", "Gemm", "Conv", "ConvTranspose" -> trace(g, n.input(1), suggested, 0);
                case "LSTM", "GRU", "RNN" -> {
                    trace(g, n.input(1), suggested, 0);
                    trace(g, n.input(2), suggested, 0);
                }
                default -> {}
            }
        }
    }

    private static void trace(GraphIndex g, String value, Map<String, TensorRole> suggested, int depth) {
        Node p = g.producer(value);
        if (p == null || !p.domain().isEmpty() || depth > MAX_CHAIN) {
            return;
        }
        if (p.opType().equals("Concat")) {
            for (String in : p.inputs()) {
                claim(g, in, suggested, depth);
            }
        } else if (VIEWS.contains(p.opType())) {
            claim(g, p.input(0), suggested, depth);
        }
    }

    private static void claim(GraphIndex g, String value, Map<String, TensorRole> suggested, int depth) {
        Tensor t = g.stored(value);
        if (t != null) {
            if (t.dtype().isFloating() && t.shape().elementCount().orElse(0) > 1) {
                suggested.putIfAbsent(t.name(), TensorRole.WEIGHT);
            }
            return;
        }
        trace(g, value, suggested, depth + 1);
    }

    @Override
    public String description() {
        return "stored float tensors reaching a MatMul/Gemm/Conv weight or an RNN's W/R through Reshape, Transpose, "
                + "Flatten, Squeeze, Unsqueeze, Slice, Concat, Identity or Cast: weights";
    }
}
