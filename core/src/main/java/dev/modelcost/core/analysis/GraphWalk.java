package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The graph and all its nested subgraphs, walked iteratively so that deep nesting cannot overflow the stack. */
final class GraphWalk {
    private GraphWalk() {}

    static List<Graph> allGraphs(Graph root) {
        List<Graph> out = new ArrayList<>();
        Deque<Graph> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Graph g = todo.pop();
            out.add(g);
            for (Node n : g.nodes()) {
                Schedule.subgraphsOf(n).forEach(todo::push);
            }
        }
        return out;
    }
}
