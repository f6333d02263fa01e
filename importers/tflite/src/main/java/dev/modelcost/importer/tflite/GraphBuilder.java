package dev.modelcost.importer.tflite;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.Storage;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.importer.tflite.rules.TfliteRules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the IR from a {@link TfliteModel}: subgraph 0 is the graph; subgraphs that control flow calls hang on
 * their WHILE/IF/CALL_ONCE node; each tensor with a non-empty buffer is a stored tensor (its bytes located, not
 * read), every other tensor a declared value with the shape the file stores. Value names are the tensor names,
 * made unique across subgraphs.
 */
final class GraphBuilder {
    private final TfliteModel model;
    private final long sourceBytes;
    private final ImportOptions options;
    private final Set<String> usedNames = new HashSet<>();
    private final Map<String, Integer> nextSuffix = new HashMap<>();
    private final Map<Integer, Graph> built = new HashMap<>();
    private final Set<Integer> inProgress = new HashSet<>();
    private final Set<Long> buffersUsed = new HashSet<>();
    private final List<String> diagnostics = new ArrayList<>();

    GraphBuilder(TfliteModel model, long sourceBytes, ImportOptions options) {
        this.model = model;
        this.sourceBytes = sourceBytes;
        this.options = options;
    }

    Graph build() {
        if (model.subgraphs().isEmpty()) {
            throw new MalformedModelException((String) null, "model", "the model has no subgraph");
        }
        Graph main = subgraph(0, 0);
        Map<String, Tensor> extra = new LinkedHashMap<>(main.tensors());
        for (int i = 1; i < model.subgraphs().size(); i++) {
            if (!built.containsKey(i)) {
                Graph g = subgraph(i, 1);
                extra.putAll(g.tensors());
                diagnostics.add(
                        "subgraph " + i + " ('" + g.name() + "') is called by no operator of the main subgraph: its "
                                + g.nodes().size() + " operators are not analysed; its stored tensors are counted");
            }
        }
        return new Graph(
                main.name(), main.nodes(), main.inputs(), main.outputs(), extra, main.declaredValues(), main.opsets());
    }

    /** Buffer indices some tensor stores its values in. */
    Set<Long> buffersUsed() {
        return buffersUsed;
    }

    List<String> diagnostics() {
        return diagnostics;
    }

    private Graph subgraph(int index, int depth) {
        Graph done = built.get(index);
        if (done != null) {
            return done;
        }
        if (index < 0 || index >= model.subgraphs().size()) {
            throw new MalformedModelException(
                    (String) null,
                    "subgraph " + index,
                    "an operator calls subgraph " + index + " of "
                            + model.subgraphs().size());
        }
        if (!inProgress.add(index) || depth > options.maxSubgraphDepth()) {
            throw new MalformedModelException(
                    (String) null,
                    "subgraph " + index,
                    "subgraph " + index + " calls itself, or control flow nests deeper than "
                            + options.maxSubgraphDepth());
        }
        TfliteModel.Subgraph sg = model.subgraphs().get(index);
        String[] names = names(index, sg);
        Map<Integer, TensorRole> roles = roles(sg);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, ValueInfo> declared = new LinkedHashMap<>();
        for (int i = 0; i < sg.tensors().size(); i++) {
            TfliteModel.Tensor t = sg.tensors().get(i);
            TensorType type = new TensorType(t.dtype(), shape(t.shape()));
            TfliteModel.Buffer b = buffer(t.buffer(), names[i]);
            if (b.isEmpty()) {
                declared.put(names[i], new ValueInfo(names[i], type));
            } else {
                buffersUsed.add(t.buffer());
                Storage s = new Storage(Storage.MODEL_FILE, b.offsetBytes(), b.lengthBytes(), Storage.Encoding.RAW);
                tensors.put(names[i], new Tensor(names[i], t.dtype(), type.shape(), roles.get(i), null, s, null));
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (TfliteModel.Operator op : sg.operators()) {
            nodes.add(node(op, names, depth));
        }
        inProgress.remove(index);
        Graph g = new Graph(
                sg.name(),
                nodes,
                values(sg.inputs(), names, declared),
                values(sg.outputs(), names, declared),
                tensors,
                declared,
                Map.of(TfliteRules.DOMAIN, 1));
        built.put(index, g);
        return g;
    }

    private Node node(TfliteModel.Operator op, String[] names, int depth) {
        if (op.opCode() < 0 || op.opCode() >= model.opCodes().size()) {
            throw new MalformedModelException(
                    (String) null,
                    "operator",
                    "an operator names operator code " + op.opCode() + " of "
                            + model.opCodes().size());
        }
        TfliteModel.OpCode code = model.opCodes().get(op.opCode());
        Map<String, Attr> attrs = new LinkedHashMap<>();
        List<Graph> called = new ArrayList<>();
        op.options().forEach((k, v) -> {
            if (k.endsWith("_subgraph")) {
                called.add(subgraph((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)), depth + 1));
            } else {
                attrs.put(k, new Attr.Int(v));
            }
        });
        if (!called.isEmpty()) {
            attrs.put("subgraphs", new Attr.Graphs(called));
        }
        attrs.put("version", new Attr.Int(code.version()));
        return new Node(
                "",
                code.custom() ? TfliteRules.CUSTOM_DOMAIN : TfliteRules.DOMAIN,
                code.name(),
                refs(op.inputs(), names),
                refs(op.outputs(), names),
                attrs);
    }

    /** Weights and biases by their input position in the ops that have them; every other role is inferred. */
    private Map<Integer, TensorRole> roles(TfliteModel.Subgraph sg) {
        Map<Integer, TensorRole> roles = new HashMap<>();
        for (TfliteModel.Operator op : sg.operators()) {
            if (op.opCode() < 0 || op.opCode() >= model.opCodes().size()) {
                continue;
            }
            int[] slots = TfliteRules.weightAndBiasInputs(
                    model.opCodes().get(op.opCode()).name());
            for (int k = 0; k < slots.length; k++) {
                int input = slots[k];
                if (input < op.inputs().length && op.inputs()[input] >= 0) {
                    roles.putIfAbsent(op.inputs()[input], k == 0 ? TensorRole.WEIGHT : TensorRole.BIAS);
                }
            }
        }
        return roles;
    }

    private TfliteModel.Buffer buffer(long index, String tensor) {
        if (index < 0 || index >= model.buffers().size()) {
            if (index == 0 && model.buffers().isEmpty()) {
                return TfliteModel.Buffer.EMPTY;
            }
            throw new MalformedModelException(
                    (String) null,
                    "tensor '" + tensor + "'",
                    "names buffer " + index + " of " + model.buffers().size());
        }
        TfliteModel.Buffer b = model.buffers().get((int) index);
        if (b.afterFlatbuffer() && (b.offsetBytes() > sourceBytes || b.lengthBytes() > sourceBytes - b.offsetBytes())) {
            throw new MalformedModelException(
                    (String) null,
                    "tensor '" + tensor + "'",
                    "buffer " + index + " of "
                            + b.lengthBytes() + " bytes at byte " + b.offsetBytes() + " passes the end of the file ("
                            + sourceBytes + " bytes)");
        }
        return b;
    }

    private String[] names(int subgraph, TfliteModel.Subgraph sg) {
        String[] names = new String[sg.tensors().size()];
        for (int i = 0; i < names.length; i++) {
            String base = sg.tensors().get(i).name();
            String name = base.isEmpty() ? "tensor " + i + (subgraph == 0 ? "" : " of subgraph " + subgraph) : base;
            // Repeated names are numbered from where the last repeat stopped: linear, however many repeat.
            int k = nextSuffix.getOrDefault(name, 2);
            String candidate = name;
            while (!usedNames.add(candidate)) {
                candidate = name + " #" + k++;
            }
            nextSuffix.put(name, k);
            name = candidate;
            names[i] = name;
        }
        return names;
    }

    private static List<String> refs(int[] indices, String[] names) {
        List<String> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            if (i < -1 || i >= names.length) {
                throw new MalformedModelException(
                        (String) null, "operator", "an operator names tensor " + i + " of " + names.length);
            }
            out.add(i < 0 ? "" : names[i]);
        }
        return out;
    }

    private static List<ValueInfo> values(int[] indices, String[] names, Map<String, ValueInfo> declared) {
        List<ValueInfo> out = new ArrayList<>();
        for (String n : refs(indices, names)) {
            if (!n.isEmpty()) {
                out.add(declared.getOrDefault(n, new ValueInfo(n, TensorType.UNKNOWN)));
            }
        }
        return out;
    }

    private static Shape shape(long[] dims) {
        List<Dim> out = new ArrayList<>(dims.length);
        for (long d : dims) {
            out.add(d < 0 ? Dim.UNKNOWN : Dim.of(d));
        }
        return Shape.of(out);
    }
}
