package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.report.Diagnostic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Propagates types and small values through the graph in schedule order, per sample: symbolic dims
 * take their --dim values, and a data input's leading symbolic dimension is the batch, set to 1.
 * Where a rule cannot say, the file's declared type is used; what stays unknown is named in diagnostics.
 */
public final class ShapeInference {
    private ShapeInference() { }

    public static InferredTypes run(Graph g, Assumptions assumptions, OpRegistry registry) {
        Map<String, TensorType> types = new HashMap<>();
        Map<String, ConstantValues> values = new HashMap<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Tensor t : g.tensors().values()) {
            types.put(t.name(), t.type());
            if (t.values() != null) {
                values.put(t.name(), t.values());
            }
        }
        Set<String> batchSymbols = new LinkedHashSet<>();
        for (ValueInfo in : g.dataInputs()) {
            types.put(in.name(), resolveInput(in.type(), assumptions, batchSymbols));
        }
        if (!batchSymbols.isEmpty()) {
            diagnostics.add(Diagnostic.info("dimension(s) " + batchSymbols + " taken as the batch: figures are per sample, scaled by --batch"));
        }
        Schedule schedule = Schedule.of(g, Set.of());
        for (Node n : schedule.unreachable()) {
            diagnostics.add(Diagnostic.warning("node '" + n.label() + "' (" + n.opType()
                    + ") has an input that nothing produces or sits on a cycle; its outputs are unknown"));
        }
        Set<String> unknownOps = new LinkedHashSet<>();
        for (Node n : schedule.all()) {
            inferNode(g, n, registry, types, values, diagnostics, unknownOps);
            mergeDeclared(n, g, types, assumptions);
        }
        if (!unknownOps.isEmpty()) {
            diagnostics.add(Diagnostic.warning("unknown operator(s) " + unknownOps
                    + ": output shapes taken from the file where declared; their MACs are not counted"));
        }
        reportUnknownDims(schedule, types, diagnostics);
        return new InferredTypes(types, values, schedule, diagnostics);
    }

    private static void inferNode(Graph g, Node n, OpRegistry registry, Map<String, TensorType> types,
                                  Map<String, ConstantValues> values, List<Diagnostic> diagnostics, Set<String> unknownOps) {
        int opset = g.opsetFor(n.domain());
        Optional<OpRule> rule = registry.find(n.domain(), n.opType(), opset);
        if (rule.isEmpty()) {
            unknownOps.add((n.domain().isEmpty() ? "" : n.domain() + ":") + n.opType());
            return;
        }
        NodeView view = new NodeView(n, opset, g, types, values);
        try {
            rule.get().infer(view);
        } catch (RuntimeException e) {
            diagnostics.add(Diagnostic.warning(where(n) + ": cannot infer output shape: " + e.getMessage()));
        }
        for (String m : view.messages()) {
            diagnostics.add(Diagnostic.warning(where(n) + ": " + m));
        }
    }

    static String where(Node n) {
        return "node '" + n.label() + "' (" + (n.domain().isEmpty() ? "" : n.domain() + ":") + n.opType() + ")";
    }

    private static TensorType resolveInput(TensorType declared, Assumptions a, Set<String> batchSymbols) {
        Shape s = declared.shape();
        if (!s.hasRank()) {
            return declared;
        }
        List<Dim> dims = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            Dim d = s.dim(i);
            if (d instanceof Dim.Symbolic sym && a.dimValues().containsKey(sym.name())) {
                d = Dim.of(a.dimValues().get(sym.name()));
            } else if (i == 0 && !d.isFixed() && s.rank() > 1) {
                batchSymbols.add(d.toString());
                d = Dim.of(1);
            }
            dims.add(d);
        }
        return declared.withShape(Shape.of(dims));
    }

    /** Fills what a rule left unknown from the file's value_info, dimension by dimension. */
    private static void mergeDeclared(Node n, Graph g, Map<String, TensorType> types, Assumptions a) {
        for (String out : n.outputs()) {
            if (out.isEmpty()) {
                continue;
            }
            ValueInfo declared = g.declaredValues().get(out);
            TensorType inferred = types.get(out);
            if (declared == null) {
                continue;
            }
            if (inferred == null) {
                types.put(out, declared.type());
                continue;
            }
            DType dtype = inferred.dtype() == DType.UNKNOWN ? declared.type().dtype() : inferred.dtype();
            Shape shape = inferred.shape();
            Shape ds = declared.type().shape();
            if (!shape.hasRank()) {
                shape = ds;
            } else if (ds.hasRank() && ds.rank() == shape.rank()) {
                List<Dim> dims = new ArrayList<>(shape.dims());
                for (int i = 0; i < dims.size(); i++) {
                    if (!dims.get(i).isFixed() && ds.dim(i).isFixed()) {
                        dims.set(i, ds.dim(i));
                    }
                }
                shape = Shape.of(dims);
            }
            types.put(out, new TensorType(dtype, shape));
        }
    }

    private static void reportUnknownDims(Schedule schedule, Map<String, TensorType> types, List<Diagnostic> diagnostics) {
        List<String> unknown = new ArrayList<>();
        for (Node n : schedule.all()) {
            for (String out : n.outputs()) {
                TensorType t = types.get(out);
                if (!out.isEmpty() && (t == null || !t.shape().isFullyKnown())) {
                    unknown.add(out + (t == null ? " [?]" : " " + t.shape()));
                }
            }
        }
        if (!unknown.isEmpty()) {
            int shown = Math.min(unknown.size(), 10);
            diagnostics.add(Diagnostic.warning(unknown.size() + " value(s) with unknown dimensions, so activation and MAC "
                    + "totals are lower bounds: " + String.join(", ", unknown.subList(0, shown))
                    + (unknown.size() > shown ? ", ..." : "")));
        }
    }
}
