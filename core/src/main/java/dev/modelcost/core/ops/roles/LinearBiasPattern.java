package dev.modelcost.core.ops.roles;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.RolePattern;

import java.util.Map;

/**
 * A linear layer exported as MatMul by a stored [K, N] weight followed by Add of a stored [N] (or [1, N]) vector
 * (PyTorch's Linear on inputs of rank 3 and more, so every transformer): that vector is the layer's bias.
 */
final class LinearBiasPattern implements RolePattern {
    @Override
    public void suggest(Graph graph, Map<String, TensorRole> suggested) {
        GraphIndex g = new GraphIndex(graph);
        for (Node add : graph.nodes()) {
            if (!GraphIndex.isOp(add, "Add", 2)) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                Node matMul = g.producer(add.input(side));
                Tensor bias = g.stored(add.input(1 - side));
                if (!GraphIndex.isOp(matMul, "MatMul", 2)
                        || bias == null
                        || !bias.dtype().isFloating()
                        || !bias.shape().isFullyKnown()) {
                    continue;
                }
                Tensor weight = g.stored(matMul.input(1));
                if (weight == null
                        || !weight.shape().isFullyKnown()
                        || weight.shape().rank() != 2) {
                    continue;
                }
                if (isRowOf(bias.shape().sizes(), weight.shape().sizes()[1])) {
                    suggested.putIfAbsent(bias.name(), TensorRole.BIAS);
                }
            }
        }
    }

    /** [n], or [1, ..., 1, n]: one value per output feature. */
    private static boolean isRowOf(long[] dims, long n) {
        if (dims.length == 0 || dims[dims.length - 1] != n) {
            return false;
        }
        for (int i = 0; i < dims.length - 1; i++) {
            if (dims[i] != 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String description() {
        return "MatMul by a stored [K, N] weight, then Add of a stored [N] or [1, ..., N] vector: the vector is a bias";
    }
}
