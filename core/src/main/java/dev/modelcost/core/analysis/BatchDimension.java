package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.Diagnostic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data input's leading symbolic dimension is the batch, and figures are per sample, scaled by the batch. A
 * {@code --dim} value given for that dimension is therefore the batch: fixing it as a size would make every
 * "per sample" figure one of N samples. It is read as the batch instead, and the report says so.
 */
public final class BatchDimension {
    private BatchDimension() {}

    static Assumptions resolve(Graph g, Assumptions a, List<Diagnostic> diagnostics) {
        Map<String, Long> dims = new LinkedHashMap<>(a.dimValues());
        long batch = a.batch();
        for (ValueInfo in : g.dataInputs()) {
            Shape s = in.type().shape();
            int axis = Math.max(in.batchAxis(), 0);
            if (!s.hasRank()
                    || s.rank() < 2
                    || s.rank() <= axis
                    || !(s.dim(axis) instanceof Dim.Symbolic sym)
                    || !dims.containsKey(sym.name())
                    || (axis == 0 && !leadingAxisIsBatch(g, in))) {
                continue;
            }
            long value = dims.remove(sym.name());
            if (batch == 1 || batch == value) {
                diagnostics.add(
                        Diagnostic.info("--dim " + sym.name() + "=" + value + " sets the batch dimension: read as "
                                + "--batch " + value + " (figures stay per sample, scaled by the batch)"));
                batch = value;
            } else {
                diagnostics.add(Diagnostic.warning("--dim " + sym.name() + "=" + value + " sets the batch dimension, "
                        + "which --batch " + batch + " already sets: --batch " + batch + " is used"));
            }
        }
        return dims.size() == a.dimValues().size()
                ? a
                : new Assumptions(batch, dims, a.activationDType(), a.training(), a.contextTokens(), true, a.runtime());
    }

    /**
     * Whether a data input's leading axis is the batch, judged by how the graph uses it, not by position alone: an
     * input whose first consumer is an Unsqueeze at axis 0 gets its batch axis there, so its own leading axis is
     * something else (the frames of a TDNN, the tokens of a sequence).
     */
    public static boolean leadingAxisIsBatch(Graph g, ValueInfo in) {
        for (Node n : g.nodes()) {
            if (!n.domain().isEmpty()
                    || !n.opType().equals("Unsqueeze")
                    || !n.input(0).equals(in.name())) {
                continue;
            }
            long[] axes = n.intsAttr("axes").orElse(null);
            Tensor stored = g.tensors().get(n.input(1));
            if (axes == null
                    && stored != null
                    && stored.values() != null
                    && stored.values().isInteger()) {
                axes = stored.values().longs();
            }
            int rank = in.type().shape().hasRank() ? in.type().shape().rank() : 0;
            for (long a : axes == null ? new long[0] : axes) {
                if (a == 0 || a == -(rank + 1L)) {
                    return false;
                }
            }
        }
        return true;
    }
}
