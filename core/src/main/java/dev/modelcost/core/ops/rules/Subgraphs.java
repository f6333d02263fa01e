package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.RuleCannotTell;
import dev.modelcost.core.ops.SequenceValue;
import dev.modelcost.core.ops.SubgraphResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Helpers for the control-flow rules: a node's graph attributes and runs of them with plain tensor inputs. */
final class Subgraphs {
    private Subgraphs() {}

    static Graph graph(Node n, String attr) {
        if (n.attr(attr).orElse(null) instanceof Attr.GraphValue g) {
            return g.graph();
        }
        throw new RuleCannotTell("missing graph attribute '" + attr + "'");
    }

    static SubgraphResult run(NodeContext ctx, Graph body, List<TensorType> inputs) {
        return ctx.inferSubgraph(
                body,
                inputs,
                Collections.nCopies(inputs.size(), Optional.<ConstantValues>empty()),
                Collections.nCopies(inputs.size(), Optional.<SequenceValue>empty()));
    }

    static List<TensorType> inputTypes(NodeContext ctx, int from, int to) {
        List<TensorType> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(ctx.input(i));
        }
        return out;
    }
}
