package dev.modelcost.core.ops.roles;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.RolePattern;

import java.util.Map;

/**
 * PyTorch exports an RNN's zero initial state as a stored [dirs, 1, hidden] tensor expanded to the batch: that
 * tensor is state, like a directly stored initial state (which the recurrent rule marks), not a parameter.
 */
final class ExpandedInitialStatePattern implements RolePattern {
    private static final int INITIAL_H = 5;
    private static final int INITIAL_C = 6;

    @Override
    public void suggest(Graph graph, Map<String, TensorRole> suggested) {
        GraphIndex g = new GraphIndex(graph);
        for (Node rnn : graph.nodes()) {
            if (!GraphIndex.isOp(rnn, "LSTM", -1)
                    && !GraphIndex.isOp(rnn, "GRU", -1)
                    && !GraphIndex.isOp(rnn, "RNN", -1)) {
                continue;
            }
            for (int i = INITIAL_H; i <= INITIAL_C && i < rnn.inputs().size(); i++) {
                Node expand = g.producer(rnn.input(i));
                if (GraphIndex.isOp(expand, "Expand", 2) && g.stored(expand.input(0)) != null) {
                    suggested.putIfAbsent(expand.input(0), TensorRole.CONSTANT);
                }
            }
        }
    }

    @Override
    public String description() {
        return "RNN, GRU or LSTM initial state computed by Expand of a stored tensor: that tensor is a constant";
    }
}
