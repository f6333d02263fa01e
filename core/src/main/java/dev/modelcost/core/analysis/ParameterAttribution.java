package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.ParameterUse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which layer's row shows which stored tensor. A tensor reached through a chain of views (Identity, Reshape, Flatten,
 * Squeeze: PyTorch exports write {@code Identity_N} nodes carrying shared biases) belongs to the layers that consume
 * the chain's end, not to the views: those view nodes are no-ops for the table. A tensor several layers use is counted
 * at the first of them and shown as shared at the others, so that the rows add up to the totals.
 */
final class ParameterAttribution {
    private final Map<String, Tensor> tensors;
    /** A value that is a stored tensor seen through views -> that tensor's name. */
    private final Map<String, String> storedBehind = new HashMap<>();

    private final Set<Node> noOps = new HashSet<>();
    private final Set<String> counted = new HashSet<>();

    ParameterAttribution(Graph g, Map<String, Tensor> tensors, OpRegistry registry, List<Node> order) {
        this.tensors = tensors;
        for (Node n : order) {
            if (n.inputs().isEmpty() || n.outputs().isEmpty()) {
                continue;
            }
            String source = stored(n.input(0));
            Allocation alloc = registry.find(n.domain(), n.opType(), g.opsetFor(n.domain()))
                    .map(r -> r.allocation())
                    .orElse(Allocation.NEW);
            if (source != null && alloc == Allocation.VIEW && tensors.containsKey(source)) {
                storedBehind.put(n.outputs().get(0), source);
                noOps.add(n);
            }
        }
    }

    /** The stored tensor behind a value (itself when stored), or null. */
    private String stored(String value) {
        String behind = storedBehind.get(value);
        return behind != null ? behind : tensors.containsKey(value) ? value : null;
    }

    /** True for a view of a stored tensor: its row shows nothing its consumers do not. */
    boolean isNoOp(Node n) {
        return noOps.contains(n);
    }

    /**
     * The parameters node {@code n} uses (inputs through views, and those of its subgraphs): each counted here when
     * no row before counted it, shared otherwise.
     */
    List<ParameterUse> of(Node n) {
        if (noOps.contains(n)) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String in : inputsOf(n)) {
            String s = stored(in);
            if (s != null) {
                names.add(s);
            }
        }
        List<ParameterUse> uses = new ArrayList<>();
        for (String name : names) {
            Tensor t = tensors.get(name);
            if (t == null || !t.declaredRole().isParameter() || t.elementCount().isEmpty()) {
                continue;
            }
            uses.add(new ParameterUse(name, t.declaredRole(), t.elementCount().getAsLong(), counted.add(name)));
        }
        return uses;
    }

    /** Tensors counted at some row so far. */
    boolean isCounted(String name) {
        return counted.contains(name);
    }

    private static List<String> inputsOf(Node n) {
        List<String> names = new ArrayList<>(n.inputs());
        names.addAll(AttributeParameters.namesOf(n));
        for (Graph sub : Schedule.subgraphsOf(n)) {
            for (Graph inner : GraphWalk.allGraphs(sub)) {
                names.addAll(inner.tensors().keySet());
                inner.nodes().forEach(x -> {
                    names.addAll(x.inputs());
                    names.addAll(AttributeParameters.namesOf(x));
                });
            }
        }
        return names;
    }
}
