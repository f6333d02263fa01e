package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.ValueInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A data input's dimension that the file leaves unnamed (ONNX {@code -1} or no value) and that is not the batch axis
 * gets a name, {@code <input>.dim<axis>} ({@code input.dim0} for a TDNN's frame axis), so shapes after it stay
 * symbolic ({@code [input.dim0 - 2, 5]}) rather than unknown and {@code --dim input.dim0=100} can set it. A name
 * the model already uses for another dimension gets a numbered suffix.
 */
final class UnnamedInputDims {
    private UnnamedInputDims() {}

    /** Whether axis {@code i} of a main-graph data input is the batch axis (set to the batch where it is unnamed). */
    static boolean isBatchAxis(Graph g, ValueInfo in, int i) {
        Shape s = in.type().shape();
        return in.batchAxis() >= 0
                ? i == in.batchAxis()
                : i == 0 && s.hasRank() && s.rank() > 1 && BatchDimension.leadingAxisIsBatch(g, in);
    }

    /** The declared shapes of the main graph's data inputs, by input name, with their unnamed axes named. */
    static Map<String, Shape> of(Graph g) {
        Map<String, Shape> out = new LinkedHashMap<>();
        Set<String> taken = null;
        for (ValueInfo in : g.dataInputs()) {
            Shape s = in.type().shape();
            if (!s.hasRank()) {
                out.put(in.name(), s);
                continue;
            }
            List<Dim> dims = new ArrayList<>(s.dims());
            for (int i = 0; i < dims.size(); i++) {
                if (dims.get(i) instanceof Dim.Unknown && !isBatchAxis(g, in, i)) {
                    if (taken == null) {
                        taken = ModelSymbols.declared(g);
                    }
                    dims.set(i, Dim.symbol(unique(in.name() + ".dim" + i, taken)));
                }
            }
            out.put(in.name(), Shape.of(dims));
        }
        return out;
    }

    /** The names given to unnamed axes, in input order. */
    static List<String> names(Graph g) {
        List<String> out = new ArrayList<>();
        Set<String> declared = ModelSymbols.declared(g);
        for (Shape s : of(g).values()) {
            if (s.hasRank()) {
                for (Dim d : s.dims()) {
                    if (d instanceof Dim.Symbolic sym && !declared.contains(sym.name())) {
                        out.add(sym.name());
                    }
                }
            }
        }
        return out;
    }

    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int k = 2; taken.contains(candidate); k++) {
            candidate = name + "_" + k;
        }
        taken.add(candidate);
        return candidate;
    }
}
