package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.DimArithmetic;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.RuleCannotTell;
import dev.modelcost.core.ops.SequenceValue;
import dev.modelcost.core.ops.SubgraphResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of inference over one graph (the main graph or one run of a subgraph): types, small values
 * and sequences by value name. A subgraph run starts from a copy of the enclosing scope's state, so
 * names from outside resolve, and nothing it infers leaks back out.
 */
final class GraphInference {
    /** Nesting bound for If/Loop/Scan bodies, far above what exporters write. */
    static final int MAX_DEPTH = 32;
    /**
     * Subgraph runs allowed per analysis: nested bodies are re-run (Loop until its carried types settle, MAC
     * counting), so a hostile file of deeply nested loops could otherwise take exponential time.
     */
    static final long MAX_SUBGRAPH_RUNS = 5_000;

    final Graph graph;
    final OpRegistry registry;
    final Map<String, TensorType> types;
    final Map<String, ConstantValues> values;
    final Map<String, SequenceValue> sequences;
    /** Integer vectors known only symbolically (Shape of [batch, seq, 768] = [batch, seq, 768]). */
    final Map<String, List<Dim>> dims = new HashMap<>();

    final Set<String> stored;
    final List<String> messages = new ArrayList<>();
    final Set<String> unknownOps = new LinkedHashSet<>();
    final int depth;
    /** Values of symbols (--dim, and 1 for the batch symbols): declared shapes are read with them substituted. */
    Map<String, Long> fixedSymbols = Map.of();
    /** Subgraph runs so far, shared by a root and all its nested runs. */
    private long[] runs = {0};
    /** Symbols rules made for sizes only the data tells (a decoded image's height), shared with nested runs. */
    Set<String> dataSymbols = new LinkedHashSet<>();

    Schedule schedule;

    GraphInference(
            Graph graph,
            OpRegistry registry,
            Map<String, TensorType> types,
            Map<String, ConstantValues> values,
            Map<String, SequenceValue> sequences,
            Set<String> stored,
            int depth) {
        this.graph = graph;
        this.registry = registry;
        this.types = types;
        this.values = values;
        this.sequences = sequences;
        this.stored = stored;
        this.depth = depth;
        for (Tensor t : graph.tensors().values()) {
            types.put(t.name(), t.type());
            stored.add(t.name());
            if (t.values() != null) {
                values.put(t.name(), t.values());
            } else {
                values.remove(t.name());
            }
        }
    }

    /**
     * The main graph's state: its data inputs typed as given (the batch and --dim values already applied), declared
     * shapes read with {@code fixedSymbols} substituted.
     */
    static GraphInference root(
            Graph g, OpRegistry registry, Map<String, TensorType> inputTypes, Map<String, Long> fixedSymbols) {
        GraphInference s =
                new GraphInference(g, registry, new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashSet<>(), 0);
        s.types.putAll(inputTypes);
        s.fixedSymbols = Map.copyOf(fixedSymbols);
        return s;
    }

    /** The state a finished inference left, for counting MACs against it (copies: nothing is changed). */
    static GraphInference of(Graph g, OpRegistry registry, InferredTypes inferred) {
        GraphInference s = new GraphInference(
                g,
                registry,
                new HashMap<>(inferred.types()),
                new HashMap<>(inferred.values()),
                new HashMap<>(inferred.sequences()),
                new HashSet<>(),
                0);
        s.types.putAll(inferred.types());
        s.values.putAll(inferred.values());
        s.dims.putAll(inferred.dimValues());
        s.schedule = inferred.schedule();
        return s;
    }

    /** Infers every node in schedule order. */
    void run() {
        schedule = Schedule.of(graph, Set.of());
        for (Node n : schedule.all()) {
            inferNode(n);
            mergeDeclared(n);
        }
    }

    private void inferNode(Node n) {
        int opset = graph.opsetFor(n.domain());
        Optional<OpRule> rule = registry.find(n.domain(), n.opType(), opset);
        if (rule.isEmpty()) {
            unknownOps.add((n.domain().isEmpty() ? "" : n.domain() + ":") + n.opType());
            return;
        }
        NodeView view = new NodeView(n, opset, this);
        try {
            rule.get().infer(view);
        } catch (RuleCannotTell e) {
            messages.add(ShapeInference.where(n) + ": cannot infer output shape: " + e.getMessage());
        }
        for (String m : view.messages()) {
            messages.add(ShapeInference.where(n) + ": " + m);
        }
    }

    /**
     * Fills what a rule left unknown from the file's value_info, dimension by dimension, with the symbol values
     * substituted: a fixed declared size fills any dimension that is not fixed, a declared symbol an unknown one.
     */
    private void mergeDeclared(Node n) {
        for (String out : n.outputs()) {
            ValueInfo declared = out.isEmpty() ? null : graph.declaredValues().get(out);
            if (declared == null || sequences.containsKey(out)) {
                continue;
            }
            Shape ds = substituted(declared.type().shape());
            TensorType inferred = types.get(out);
            if (inferred == null) {
                types.put(out, declared.type().withShape(ds));
                continue;
            }
            DType dtype = inferred.dtype() == DType.UNKNOWN ? declared.type().dtype() : inferred.dtype();
            Shape shape = inferred.shape();
            if (!shape.hasRank()) {
                shape = ds;
            } else if (ds.hasRank() && ds.rank() == shape.rank()) {
                List<Dim> dims = new ArrayList<>(shape.dims());
                for (int i = 0; i < dims.size(); i++) {
                    Dim have = dims.get(i);
                    Dim decl = ds.dim(i);
                    if (!have.isFixed() && decl.isFixed()
                            || have instanceof Dim.Unknown && !(decl instanceof Dim.Unknown)) {
                        dims.set(i, decl);
                    }
                }
                shape = Shape.of(dims);
            }
            types.put(out, new TensorType(dtype, shape));
        }
    }

    private Shape substituted(Shape declared) {
        if (!declared.hasRank() || fixedSymbols.isEmpty()) {
            return declared;
        }
        List<Dim> dims = new ArrayList<>(declared.rank());
        for (Dim d : declared.dims()) {
            dims.add(DimArithmetic.substitute(d, fixedSymbols));
        }
        return Shape.of(dims);
    }

    /** One run of {@code body}: its inputs bound to the given types, values and sequences. */
    SubgraphResult runSubgraph(
            Graph body,
            List<TensorType> inputs,
            List<Optional<ConstantValues>> inValues,
            List<Optional<SequenceValue>> inSequences,
            List<String> sink) {
        if (depth >= MAX_DEPTH) {
            throw new RuleCannotTell("subgraphs nested deeper than " + MAX_DEPTH);
        }
        if (++runs[0] > MAX_SUBGRAPH_RUNS) {
            throw new RuleCannotTell(
                    "more than " + MAX_SUBGRAPH_RUNS + " subgraph runs; nested control flow not inferred further");
        }
        GraphInference child = new GraphInference(
                body,
                registry,
                new HashMap<>(types),
                new HashMap<>(values),
                new HashMap<>(sequences),
                new HashSet<>(stored),
                depth + 1);
        child.runs = runs;
        child.dataSymbols = dataSymbols;
        child.fixedSymbols = fixedSymbols;
        for (int i = 0; i < body.inputs().size(); i++) {
            ValueInfo in = body.inputs().get(i);
            TensorType given = i < inputs.size() && inputs.get(i) != null ? inputs.get(i) : TensorType.UNKNOWN;
            child.types.put(in.name(), given.equals(TensorType.UNKNOWN) ? in.type() : refine(given, in.type()));
            child.values.remove(in.name());
            child.sequences.remove(in.name());
            child.stored.remove(in.name());
            if (i < inValues.size() && inValues.get(i).isPresent()) {
                child.values.put(in.name(), inValues.get(i).get());
            }
            if (i < inSequences.size() && inSequences.get(i).isPresent()) {
                child.sequences.put(in.name(), inSequences.get(i).get());
                child.types.remove(in.name());
            }
        }
        child.dims.putAll(dims);
        for (ValueInfo in : body.inputs()) {
            child.dims.remove(in.name());
        }
        child.run();
        for (String m : child.messages) {
            sink.add("in subgraph '" + body.name() + "': " + m);
        }
        if (!child.unknownOps.isEmpty()) {
            sink.add("in subgraph '" + body.name() + "': unknown operator(s) " + child.unknownOps);
        }
        List<TensorType> outs = new ArrayList<>();
        List<Optional<ConstantValues>> outValues = new ArrayList<>();
        List<Optional<SequenceValue>> outSeqs = new ArrayList<>();
        for (ValueInfo o : body.outputs()) {
            TensorType t = child.types.get(o.name());
            outs.add(t == null ? o.type() : t);
            outValues.add(Optional.ofNullable(child.values.get(o.name())));
            outSeqs.add(Optional.ofNullable(child.sequences.get(o.name())));
        }
        return new SubgraphResult(outs, outValues, outSeqs, MacCount.totalOf(child));
    }

    /** Where the caller knows less than the subgraph declares (rank or a dim), the declaration fills in. */
    private static TensorType refine(TensorType given, TensorType declared) {
        DType d = given.dtype() == DType.UNKNOWN ? declared.dtype() : given.dtype();
        Shape s = given.shape().hasRank() ? given.shape() : declared.shape();
        return new TensorType(d, s);
    }
}
