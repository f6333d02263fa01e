package dev.modelcost.core.ops.roles;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.RolePattern;

import java.util.HashMap;
import java.util.Map;

/**
 * A norm's affine part exported op by op: gamma in Mul(normalized, gamma) and beta in the Add of a stored
 * per-channel vector that follows, where normalized is Div(Sub(x, ReduceMean(x)), ...) (PyTorch's LayerNorm below
 * opset 17) or an InstanceNormalization, possibly reshaped (its GroupNorm). Both are norm scale/shift.
 */
final class DecomposedNormPattern implements RolePattern {
    @Override
    public void suggest(Graph graph, Map<String, TensorRole> suggested) {
        GraphIndex g = new GraphIndex(graph);
        Map<String, Node> addByInput = new HashMap<>();
        for (Node n : graph.nodes()) {
            if (GraphIndex.isOp(n, "Add", 2)) {
                addByInput.putIfAbsent(n.input(0), n);
                addByInput.putIfAbsent(n.input(1), n);
            }
        }
        for (Node mul : graph.nodes()) {
            if (!GraphIndex.isOp(mul, "Mul", 2)) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                Tensor gamma = g.stored(mul.input(side));
                if (!GraphIndex.isChannelVector(gamma) || !isNormalized(mul.input(1 - side), g)) {
                    continue;
                }
                suggested.putIfAbsent(gamma.name(), TensorRole.NORM_SCALE_SHIFT);
                Node add = mul.outputs().isEmpty()
                        ? null
                        : addByInput.get(mul.outputs().get(0));
                if (add != null) {
                    String other = add.input(0).equals(mul.outputs().get(0)) ? add.input(1) : add.input(0);
                    Tensor beta = g.stored(other);
                    if (GraphIndex.isChannelVector(beta)) {
                        suggested.putIfAbsent(beta.name(), TensorRole.NORM_SCALE_SHIFT);
                    }
                }
            }
        }
    }

    /** Whether {@code value} is x normalized: the LayerNorm chain's Div, or InstanceNormalization, maybe reshaped. */
    private static boolean isNormalized(String value, GraphIndex g) {
        Node n = g.producer(value);
        if (GraphIndex.isOp(n, "Reshape", 2)) {
            n = g.producer(n.input(0));
        }
        if (n == null) {
            return false;
        }
        if (GraphIndex.isOp(n, "InstanceNormalization", 3)) {
            return true;
        }
        if (!GraphIndex.isOp(n, "Div", 2)) {
            return false;
        }
        Node sub = g.producer(n.input(0));
        Node mean = GraphIndex.isOp(sub, "Sub", 2) ? g.producer(sub.input(1)) : null;
        return GraphIndex.isOp(mean, "ReduceMean", -1) && mean.input(0).equals(sub.input(0));
    }

    @Override
    public String description() {
        return "Mul of a normalized value (Div(Sub(x, ReduceMean(x)), ...) or InstanceNormalization, maybe reshaped) by a "
                + "stored per-channel vector, then Add of one: both are norm scale/shift";
    }
}
