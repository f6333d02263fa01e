package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.ValueInfo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A topological order of a graph's nodes (Kahn's algorithm, iterative, stable with respect to file order).
 * Nodes that can never run (a cycle, an input nobody produces) are appended in file order and named.
 */
public record Schedule(List<Node> order, List<Node> unreachable) {

    public static Schedule of(Graph g, Set<String> outerScope) {
        Set<String> available = new HashSet<>(outerScope);
        available.add("");
        g.inputs().forEach(v -> available.add(v.name()));
        available.addAll(g.tensors().keySet());

        List<Node> nodes = g.nodes();
        Set<String> producedInside = new HashSet<>();
        for (Node n : nodes) {
            producedInside.addAll(n.outputs());
        }
        int[] missing = new int[nodes.size()];
        Map<String, List<Integer>> waiting = new HashMap<>();
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < nodes.size(); i++) {
            Set<String> needs = new HashSet<>();
            for (String in : nodes.get(i).inputs()) {
                if (!available.contains(in) && producedInside.contains(in)) {
                    needs.add(in);
                }
            }
            for (String in : implicitInputs(nodes.get(i))) {
                if (!available.contains(in) && producedInside.contains(in)) {
                    needs.add(in);
                }
            }
            missing[i] = needs.size();
            for (String in : needs) {
                waiting.computeIfAbsent(in, k -> new ArrayList<>()).add(i);
            }
            if (needs.isEmpty()) {
                ready.add(i);
            }
        }
        List<Node> order = new ArrayList<>(nodes.size());
        boolean[] done = new boolean[nodes.size()];
        PriorityQueue<Integer> queue = new PriorityQueue<>(ready);
        while (!queue.isEmpty()) {
            int i = queue.poll();
            done[i] = true;
            order.add(nodes.get(i));
            for (String out : nodes.get(i).outputs()) {
                if (available.add(out)) {
                    for (int j : waiting.getOrDefault(out, List.of())) {
                        if (--missing[j] == 0) {
                            queue.add(j);
                        }
                    }
                }
            }
        }
        List<Node> unreachable = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (!done[i]) {
                unreachable.add(nodes.get(i));
            }
        }
        return new Schedule(order, unreachable);
    }

    /** Names a subgraph reads from the enclosing scope, which the node must wait for too. */
    private static List<String> implicitInputs(Node n) {
        List<String> out = new ArrayList<>();
        for (Graph sub : subgraphsOf(n)) {
            Set<String> local = new HashSet<>();
            sub.inputs().stream().map(ValueInfo::name).forEach(local::add);
            local.addAll(sub.tensors().keySet());
            for (Node inner : sub.nodes()) {
                local.addAll(inner.outputs());
            }
            for (Node inner : sub.nodes()) {
                for (String in : inner.inputs()) {
                    if (!in.isEmpty() && !local.contains(in)) {
                        out.add(in);
                    }
                }
            }
        }
        return out;
    }

    static List<Graph> subgraphsOf(Node n) {
        List<Graph> out = new ArrayList<>();
        n.attributes().values().forEach(a -> {
            if (a instanceof dev.modelcost.core.ir.Attr.GraphValue g) {
                out.add(g.graph());
            } else if (a instanceof dev.modelcost.core.ir.Attr.Graphs gs) {
                out.addAll(gs.graphs());
            }
        });
        return out;
    }

    /** All nodes, runnable first. */
    public List<Node> all() {
        List<Node> all = new ArrayList<>(order);
        all.addAll(unreachable);
        return all;
    }
}
