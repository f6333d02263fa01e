package dev.modelcost.core.analysis.runtime;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ops.Allocation;
import dev.modelcost.core.ops.OpRegistry;

import java.util.List;
import java.util.Map;

/**
 * The ideal figure's buffer sharing (docs/memory.md, "Inference"): a view shares its input's buffer; an elementwise
 * activation ({@link Allocation#IN_PLACE}) writes into its input when that is another step's output read by nothing
 * else and not returned to the caller. PyTorch's eager modules follow the same rule (torchvision's activations are
 * {@code inplace=True}).
 */
final class IdealAliases implements Buffers.AliasRule {
    private final Graph graph;
    private final OpRegistry registry;
    private Map<String, List<Integer>> readers;

    IdealAliases(Graph graph, OpRegistry registry) {
        this.graph = graph;
        this.registry = registry;
    }

    @Override
    public String aliasOf(ExecGraph eg, int step, int index, Buffers soFar) {
        ExecGraph.Step s = eg.steps().get(step);
        if (index != 0 || s.node() == null || s.inputs().isEmpty()) {
            return null;
        }
        String source = s.node().input(0);
        if (soFar.bufferOf(source) == null) {
            return null;
        }
        Allocation a = allocation(s.node());
        if (a == Allocation.VIEW) {
            return source;
        }
        if (readers == null) {
            readers = eg.readers();
        }
        boolean onlyReader = readers.getOrDefault(source, List.of()).size() == 1;
        return a == Allocation.IN_PLACE
                        && onlyReader
                        && !eg.graphInputs().contains(source)
                        && !eg.graphOutputs().contains(source)
                ? source
                : null;
    }

    Allocation allocation(Node n) {
        return registry.find(n.domain(), n.opType(), graph.opsetFor(n.domain()))
                .map(r -> r.allocation(n))
                .orElse(Allocation.NEW);
    }
}
