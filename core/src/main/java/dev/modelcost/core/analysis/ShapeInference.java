package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.DimArithmetic;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.Diagnostic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Propagates types and small values through the graph in schedule order, per sample: symbolic dims
 * take their --dim values, and a data input's leading symbolic dimension is the batch, set to 1.
 * Where a rule cannot say, the file's declared type is used; what stays unknown is named in diagnostics.
 */
public final class ShapeInference {
    private ShapeInference() {}

    public static InferredTypes run(Graph g, Assumptions assumptions, OpRegistry registry) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        Set<String> batchSymbols = batchSymbols(g, assumptions);
        Map<String, Long> fixed = new LinkedHashMap<>(assumptions.dimValues());
        // Shapes are inferred for the batch (as torchinfo prints them); ShapeBatch divides per-sample figures by it.
        batchSymbols.forEach(b -> fixed.putIfAbsent(b, assumptions.batch()));
        Map<String, TensorType> inputTypes = new LinkedHashMap<>();
        Map<String, Shape> named = UnnamedInputDims.of(g);
        for (ValueInfo in : g.dataInputs()) {
            Shape s = named.get(in.name());
            inputTypes.put(in.name(), resolveInput(g, in, s, fixed, assumptions));
            if (!BatchDimension.leadingAxisIsBatch(g, in)
                    && s.hasRank()
                    && s.rank() > 1
                    && !s.dim(0).isFixed()) {
                diagnostics.add(
                        Diagnostic.info("the leading axis of input '" + in.name() + "' is not taken as the batch: "
                                + "the graph adds its batch axis in front of it (Unsqueeze at axis 0); sizes along it stay "
                                + (s.dim(0) instanceof Dim.Symbolic sym
                                        ? "symbolic unless --dim " + sym.name() + "=N"
                                        : "unknown")));
            }
        }
        GraphInference state = GraphInference.root(g, registry, inputTypes, fixed);
        if (!batchSymbols.isEmpty()) {
            diagnostics.add(Diagnostic.info(
                    "dimension(s) " + batchSymbols + " taken as the batch: figures are per sample, scaled by --batch"));
        }
        state.run();
        Schedule schedule = state.schedule;
        for (Node n : schedule.unreachable()) {
            diagnostics.add(Diagnostic.warning("node '" + n.label() + "' (" + n.opType()
                    + ") has an input that nothing produces or sits on a cycle; its outputs are unknown"));
        }
        for (String m : state.messages) {
            diagnostics.add(Diagnostic.warning(m));
        }
        if (!state.unknownOps.isEmpty()) {
            diagnostics.add(Diagnostic.warning("unknown operator(s) " + state.unknownOps
                    + ": output shapes taken from the file where declared; their MACs are not counted"));
        }
        reportUnknownDims(schedule, state.types, state.sequences.keySet(), diagnostics);
        return new InferredTypes(
                state.types,
                state.values,
                schedule,
                diagnostics,
                state.sequences,
                state.dims,
                state.dataSymbols,
                Set.of());
    }

    static String where(Node n) {
        return "node '" + n.label() + "' (" + (n.domain().isEmpty() ? "" : n.domain() + ":") + n.opType() + ")";
    }

    /**
     * The symbols that name the batch: the leading symbolic axis of a data input of rank 2 or more, unless --dim
     * gives it a value. Every declared use of such a symbol (a state tensor's second axis, an output) is the
     * batch too, so it is 1 everywhere in the per-sample figures.
     */
    static Set<String> batchSymbols(Graph g, Assumptions a) {
        Set<String> out = new LinkedHashSet<>();
        for (ValueInfo in : g.dataInputs()) {
            Shape s = in.type().shape();
            if (s.hasRank()
                    && s.rank() > 1
                    && s.dim(0) instanceof Dim.Symbolic sym
                    && !a.dimValues().containsKey(sym.name())
                    && BatchDimension.leadingAxisIsBatch(g, in)) {
                out.add(sym.name());
            }
        }
        return out;
    }

    /**
     * The input's type for the analysis: its declared shape {@code s} with unnamed axes named, --dim values and the
     * batch symbols in place; the batch axis (the marked one, else a leading one the graph uses as the batch) at the
     * batch where unnamed, and a batch the file fixes there re-batched to --batch where one was given.
     */
    private static TensorType resolveInput(Graph g, ValueInfo in, Shape s, Map<String, Long> fixed, Assumptions a) {
        TensorType declared = in.type();
        if (!s.hasRank()) {
            return declared;
        }
        List<Dim> dims = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            Dim d = DimArithmetic.substitute(s.dim(i), fixed);
            boolean batchAxis = UnnamedInputDims.isBatchAxis(g, in, i);
            if (batchAxis && s.dim(i).isFixed() && in.fileBatch().isPresent() && a.batchGiven()) {
                d = Dim.of(a.batch());
            } else if (batchAxis && d instanceof Dim.Unknown) {
                d = Dim.of(a.batch());
            }
            dims.add(d);
        }
        return declared.withShape(Shape.of(dims));
    }

    private static void reportUnknownDims(
            Schedule schedule, Map<String, TensorType> types, Set<String> sequences, List<Diagnostic> diagnostics) {
        List<String> unknown = new ArrayList<>();
        Set<String> symbols = new TreeSet<>();
        for (Node n : schedule.all()) {
            for (String out : n.outputs()) {
                TensorType t = types.get(out);
                if (out.isEmpty()
                        || sequences.contains(out)
                        || t != null && t.shape().isFullyKnown()) {
                    continue;
                }
                if (t != null
                        && t.shape().hasRank()
                        && t.shape().dims().stream().noneMatch(d -> d instanceof Dim.Unknown)) {
                    t.shape().dims().forEach(d -> symbols.addAll(symbolsOf(d)));
                } else {
                    unknown.add(out + (t == null ? " [?]" : " " + t.shape()));
                }
            }
        }
        if (!symbols.isEmpty()) {
            diagnostics.add(Diagnostic.warning("shapes depend on symbolic dimension(s) " + symbols
                    + "; totals count what does not depend on them (fix them with --dim NAME=VALUE)"));
        }
        if (!unknown.isEmpty()) {
            int shown = Math.min(unknown.size(), 10);
            diagnostics.add(
                    Diagnostic.warning(unknown.size() + " value(s) with unknown dimensions, so activation and MAC "
                            + "totals are lower bounds: " + String.join(", ", unknown.subList(0, shown))
                            + (unknown.size() > shown ? ", ..." : "")));
        }
    }

    private static Set<String> symbolsOf(Dim d) {
        if (d instanceof Dim.Symbolic s) {
            return Set.of(s.name());
        }
        Set<String> out = new TreeSet<>();
        if (d instanceof Dim.Expr e) {
            e.terms().keySet().forEach(out::addAll);
        }
        return out;
    }
}
