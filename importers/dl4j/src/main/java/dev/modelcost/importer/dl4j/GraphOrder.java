package dev.modelcost.importer.dl4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Execution order of a ComputationGraph's vertices: Kahn's algorithm, first-in first-out, the network inputs
 * first and vertices in the configuration's order. Vertices on a cycle or reading a missing input are
 * appended at the end and named in {@code stranded}.
 */
record GraphOrder(List<String> order, List<String> stranded) {

    static GraphOrder of(List<String> inputs, Set<String> vertices, Map<String, List<String>> edges) {
        Map<String, Integer> pending = new LinkedHashMap<>();
        Map<String, List<String>> readers = new LinkedHashMap<>();
        for (String v : vertices) {
            List<String> srcs = edges.getOrDefault(v, List.of());
            pending.put(v, srcs.size());
            for (String src : srcs) {
                readers.computeIfAbsent(src, k -> new ArrayList<>()).add(v);
            }
        }
        Deque<String> ready = new ArrayDeque<>(inputs);
        for (String v : vertices) {
            if (pending.get(v) == 0) {
                ready.add(v);
            }
        }
        Set<String> done = new LinkedHashSet<>();
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String x = ready.poll();
            if (!done.add(x)) {
                continue;
            }
            if (vertices.contains(x)) {
                order.add(x);
            }
            for (String v : readers.getOrDefault(x, List.of())) {
                if (pending.merge(v, -1, Integer::sum) == 0) {
                    ready.add(v);
                }
            }
        }
        List<String> stranded = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>(order);
        for (String v : vertices) {
            if (!placed.contains(v)) {
                stranded.add(v);
                order.add(v);
            }
        }
        return new GraphOrder(List.copyOf(order), List.copyOf(stranded));
    }
}
