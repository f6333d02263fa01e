package dev.modelcost.core.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable graph: nodes in the file's order, stored tensors by name (initializers and Constant
 * values, each once however many nodes use it), declared types of values, and opset imports
 * (domain → version; "" is the standard ONNX domain).
 */
public record Graph(
        String name,
        List<Node> nodes,
        List<ValueInfo> inputs,
        List<ValueInfo> outputs,
        Map<String, Tensor> tensors,
        Map<String, ValueInfo> declaredValues,
        Map<String, Integer> opsets) {

    /**
     * A file with stored tensors and no graph (safetensors, GGUF): the tensors by name, in order. A tensor stored in two
     * shards or split parts keeps both entries ("NAME (again in FILE)"), so the ledger counts both payloads.
     */
    public static Graph ofStoredTensors(String name, List<Tensor> stored) {
        Map<String, Tensor> byName = new LinkedHashMap<>();
        for (Tensor t : stored) {
            String key = byName.containsKey(t.name())
                    ? t.name() + " (again in "
                            + (t.storage() == null ? "?" : t.storage().file()) + ")"
                    : t.name();
            byName.putIfAbsent(key, t);
        }
        return new Graph(name, List.of(), List.of(), List.of(), byName, Map.of(), Map.of());
    }

    public Graph {
        name = name == null ? "" : name;
        nodes = List.copyOf(nodes);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        declaredValues = Collections.unmodifiableMap(new LinkedHashMap<>(declaredValues));
        opsets = Map.copyOf(opsets);
    }

    /** Inputs that are real inputs, not initializers listed as inputs (old ONNX exporters did that). */
    public List<ValueInfo> dataInputs() {
        List<ValueInfo> out = new ArrayList<>();
        for (ValueInfo v : inputs) {
            if (!tensors.containsKey(v.name())) {
                out.add(v);
            }
        }
        return out;
    }

    public int opsetFor(String domain) {
        Integer v = opsets.get(domain);
        return v == null ? 0 : v;
    }

    /** Subgraphs held by this graph's node attributes (If branches, Loop and Scan bodies), one level down. */
    public List<Graph> subgraphs() {
        List<Graph> out = new ArrayList<>();
        for (Node n : nodes) {
            for (Attr a : n.attributes().values()) {
                if (a instanceof Attr.GraphValue g) {
                    out.add(g.graph());
                } else if (a instanceof Attr.Graphs gs) {
                    out.addAll(gs.graphs());
                }
            }
        }
        return out;
    }
}
