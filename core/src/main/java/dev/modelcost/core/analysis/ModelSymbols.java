package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.ValueInfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of the symbolic dimensions a model declares anywhere (inputs, outputs, value_info, every subgraph), and
 * those modelcost gives to the unnamed axes of its inputs ({@link UnnamedInputDims}): what --dim can set.
 */
final class ModelSymbols {
    private ModelSymbols() {}

    static Set<String> of(Graph root) {
        Set<String> out = declared(root);
        out.addAll(UnnamedInputDims.names(root));
        return out;
    }

    static Set<String> declared(Graph root) {
        Set<String> out = new TreeSet<>();
        for (Graph g : GraphWalk.allGraphs(root)) {
            List<ValueInfo> values = new ArrayList<>(g.inputs());
            values.addAll(g.outputs());
            values.addAll(g.declaredValues().values());
            for (ValueInfo v : values) {
                add(v.type().shape(), out);
            }
            for (Tensor t : g.tensors().values()) {
                add(t.shape(), out);
            }
        }
        return out;
    }

    /** Throws when a name of {@code given} is no symbol of the model nor one its rules made for data sizes. */
    static void check(Graph root, Collection<String> given, Collection<String> dataSymbols) {
        if (given.isEmpty()) {
            return;
        }
        Set<String> symbols = of(root);
        symbols.addAll(dataSymbols);
        Set<String> unknown = new TreeSet<>(given);
        unknown.removeAll(symbols);
        if (!unknown.isEmpty()) {
            throw new UnknownDimensionException(unknown, symbols);
        }
    }

    private static void add(Shape s, Set<String> out) {
        if (!s.hasRank()) {
            return;
        }
        for (Dim d : s.dims()) {
            if (d instanceof Dim.Symbolic sym) {
                out.add(sym.name());
            } else if (d instanceof Dim.Expr e) {
                e.terms().keySet().forEach(out::addAll);
            }
        }
    }
}
