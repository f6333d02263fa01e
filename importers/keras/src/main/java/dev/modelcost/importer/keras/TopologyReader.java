package dev.modelcost.importer.keras;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Keras model configuration (Keras 1 and 2 list/dict Sequential, Functional "Model", Keras 3
 * "Functional" with {@code __keras_tensor__} arguments) into a {@link Topology}. Nested models are expanded
 * in place of their calls, with their layers named "outer/inner".
 */
final class TopologyReader {
    private static final Set<String> MODEL_CLASSES = Set.of("Sequential", "Model", "Functional");
    private static final int MAX_NESTING = 32;

    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<Topology.Call> calls = new ArrayList<>();
    private final Map<String, Topology.Layer> layers = new LinkedHashMap<>();
    private final Map<String, List<Topology.Layer>> children = new LinkedHashMap<>();
    private final List<String> diagnostics = new ArrayList<>();
    private final int maxCalls;

    private TopologyReader(int maxCalls) {
        this.maxCalls = maxCalls;
    }

    static Topology read(Object modelConfig, int maxCalls) {
        TopologyReader r = new TopologyReader(maxCalls);
        List<String> outputs = r.expand(modelConfig, "", null, true, 0);
        return new Topology(
                KerasObject.className(modelConfig), r.inputs, outputs, r.calls, r.layers, r.children, r.diagnostics);
    }

    static boolean isModel(Object layer) {
        if (KerasObject.className(layer).equals("Merge")) {
            return false; // Keras 1 Merge lists its branch models under "layers" but is a layer
        }
        Object c = JsonValues.map(layer).get("config");
        return JsonValues.isList(c) && MODEL_CLASSES.contains(KerasObject.className(layer))
                || JsonValues.isList(JsonValues.map(c).get("layers"));
    }

    static List<Object> layersOf(Object model) {
        Object c = JsonValues.map(model).get("config");
        return JsonValues.isList(c)
                ? JsonValues.list(c)
                : JsonValues.list(JsonValues.map(c).get("layers"));
    }

    private List<String> expand(Object model, String scope, List<String> bound, boolean trainable, int depth) {
        if (depth > MAX_NESTING) {
            throw new IllegalArgumentException("models nested deeper than " + MAX_NESTING);
        }
        children.put(scope, new ArrayList<>());
        boolean functional = !KerasObject.className(model).equals("Sequential")
                && !JsonValues.isList(JsonValues.map(model).get("config"))
                && JsonValues.map(JsonValues.map(model).get("config")).containsKey("input_layers");
        return functional
                ? functional(model, scope, bound, trainable, depth)
                : sequential(model, scope, bound, trainable, depth);
    }

    private Topology.Layer register(Object layerObj, String scope, int index, boolean outerTrainable) {
        Map<String, Object> cfg = KerasObject.config(layerObj);
        String cls = KerasObject.className(layerObj);
        String name = JsonValues.str(cfg, "name")
                .or(() -> JsonValues.str(JsonValues.map(layerObj), "name"))
                .orElse(cls.toLowerCase(Locale.ROOT) + "_" + index);
        String q = scope + name;
        boolean trainable = outerTrainable && JsonValues.bool(cfg, "trainable", true);
        Topology.Layer l = new Topology.Layer(q, name, cls, cfg, trainable, isModel(layerObj), scope);
        if (layers.containsKey(q)) {
            diagnostics.add("two layers are named '" + q + "'; the later one is used for weights");
        }
        layers.put(q, l);
        children.get(scope).add(l);
        return l;
    }

    private List<String> sequential(Object model, String scope, List<String> bound, boolean trainable, int depth) {
        String cur = bound == null || bound.isEmpty() ? null : bound.get(0);
        int i = 0;
        for (Object layerObj : layersOf(model)) {
            Topology.Layer l = register(layerObj, scope, i++, trainable);
            if (l.className().equals("InputLayer")) {
                if (cur == null) {
                    cur = l.qualifiedName();
                    inputs.add(inputValue(l.config(), cur));
                }
                continue;
            }
            if (cur == null) {
                cur = l.qualifiedName() + "_input";
                Map<String, Object> shapeSource = l.config();
                if (l.className().equals("Embedding") && batchShape(shapeSource) == null) {
                    Map<String, Object> alt = new HashMap<>();
                    List<Object> s = new ArrayList<>();
                    s.add(null);
                    s.add(shapeSource.get("input_length"));
                    alt.put("batch_input_shape", s);
                    alt.put("dtype", "int32");
                    shapeSource = alt; // Embedding's input_dim is the vocabulary size, not a feature axis
                } else if (batchShape(shapeSource) == null) {
                    Map<String, Object> alt = new HashMap<>();
                    Object build = JsonValues.map(model).get("build_input_shape");
                    if (build == null) {
                        build = JsonValues.map(JsonValues.map(model).get("config"))
                                .get("build_input_shape");
                    }
                    if (build == null) {
                        build = JsonValues.map(JsonValues.map(layerObj).get("build_config"))
                                .get("input_shape");
                    }
                    alt.put("batch_input_shape", build);
                    shapeSource = alt;
                }
                inputs.add(inputValue(shapeSource, cur));
            }
            if (l.model()) {
                cur = expand(layerObj, l.qualifiedName() + "/", List.of(cur), l.trainable(), depth + 1)
                        .get(0);
                continue;
            }
            addCall(new Topology.Call(l, 0, List.of(cur), List.of(l.qualifiedName())));
            cur = l.qualifiedName();
        }
        return cur == null ? List.of() : List.of(cur);
    }

    private void addCall(Topology.Call c) {
        if (calls.size() >= maxCalls) {
            throw new IllegalArgumentException("more than " + maxCalls + " layer calls");
        }
        calls.add(c);
    }

    private record Pending(Object layerObj, Topology.Layer layer, int index, List<InboundRefs.Ref> refs, Object node) {}

    private List<String> functional(Object model, String scope, List<String> bound, boolean trainable, int depth) {
        Map<String, Object> mc = JsonValues.map(JsonValues.map(model).get("config"));
        List<InboundRefs.Ref> inputRefs = InboundRefs.refList(mc.get("input_layers"));
        List<InboundRefs.Ref> outputRefs = InboundRefs.refList(mc.get("output_layers"));
        Map<String, List<String>> produced = new HashMap<>(); // "layer#call" -> output names
        List<Pending> pending = new ArrayList<>();
        Map<String, Integer> tensorsNeeded = new HashMap<>();
        int i = 0;
        for (Object layerObj : layersOf(model)) {
            Topology.Layer l = register(layerObj, scope, i++, trainable);
            if (l.className().equals("InputLayer")) {
                int which = InboundRefs.indexOf(inputRefs, l.name());
                String value;
                if (bound != null && which >= 0 && which < bound.size()) {
                    value = bound.get(which);
                } else {
                    value = l.qualifiedName();
                    inputs.add(inputValue(l.config(), value));
                }
                produced.put(l.name() + "#0", List.of(value));
                continue;
            }
            List<Object> nodes = JsonValues.list(JsonValues.map(layerObj).get("inbound_nodes"));
            for (int k = 0; k < nodes.size(); k++) {
                List<InboundRefs.Ref> refs = new ArrayList<>();
                InboundRefs.collectRefs(nodes.get(k), refs, 0);
                pending.add(new Pending(layerObj, l, k, refs, nodes.get(k)));
                for (InboundRefs.Ref r : refs) {
                    tensorsNeeded.merge(r.layer() + "#" + r.node(), r.tensor() + 1, Math::max);
                }
            }
        }
        for (InboundRefs.Ref r : outputRefs) {
            tensorsNeeded.merge(r.layer() + "#" + r.node(), r.tensor() + 1, Math::max);
        }
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            Set<String> waiting = new HashSet<>();
            pending.forEach(p -> waiting.add(p.layer().name()));
            for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                List<String> in = resolve(p.refs(), produced, waiting);
                if (in == null) {
                    continue;
                }
                it.remove();
                progress = true;
                runCall(p, in, produced, tensorsNeeded, depth);
            }
        }
        for (Pending p : pending) {
            diagnostics.add("layer '" + p.layer().qualifiedName() + "' call " + p.index()
                    + " reads a layer output that the configuration never produces; its inputs are unknown");
            runCall(p, resolve(p.refs(), produced, null), produced, tensorsNeeded, depth);
        }
        return resolve(outputRefs, produced, Set.of());
    }

    private void runCall(
            Pending p, List<String> in, Map<String, List<String>> produced, Map<String, Integer> needed, int depth) {
        Topology.Layer l = p.layer();
        String base = p.index() == 0 ? l.qualifiedName() : l.qualifiedName() + "#" + p.index();
        List<String> outs;
        if (l.model()) {
            outs = expand(p.layerObj(), base + "/", in, l.trainable(), depth + 1);
        } else {
            int n = Math.max(1, needed.getOrDefault(l.name() + "#" + p.index(), 1));
            outs = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                outs.add(t == 0 ? base : base + ":" + t);
            }
            addCall(new Topology.Call(l, p.index(), in, outs, InboundRefs.kwargs(p.node())));
        }
        produced.put(l.name() + "#" + p.index(), outs);
    }

    /**
     * Value names of references; null while a referenced layer still has calls pending ({@code waiting},
     * null to resolve whatever is there). Older configs number a nested model's first outer call 1, so a
     * node index past a finished layer's calls falls back to its last call.
     */
    private List<String> resolve(List<InboundRefs.Ref> refs, Map<String, List<String>> produced, Set<String> waiting) {
        List<String> out = new ArrayList<>();
        for (InboundRefs.Ref r : refs) {
            List<String> o = produced.get(r.layer() + "#" + r.node());
            if (o == null && waiting != null && waiting.contains(r.layer())) {
                return null;
            }
            if (o == null) {
                for (int k = r.node() - 1; k >= 0 && o == null; k--) {
                    o = produced.get(r.layer() + "#" + k);
                }
                if (o != null) {
                    diagnostics.add(
                            "reference to call " + r.node() + " of layer '" + r.layer() + "' read as its last call");
                }
            }
            if (o == null || r.tensor() >= o.size()) {
                diagnostics.add("reference to output " + r.tensor() + " of call " + r.node() + " of layer '" + r.layer()
                        + "' names nothing the configuration produces");
                out.add(r.layer() + "#" + r.node() + ":" + r.tensor() + " (unresolved)");
            } else {
                out.add(o.get(r.tensor()));
            }
        }
        return out;
    }

    static List<Object> batchShape(Map<String, Object> cfg) {
        for (String k : new String[] {"batch_input_shape", "batch_shape"}) {
            if (JsonValues.isList(cfg.get(k))) {
                return JsonValues.list(cfg.get(k));
            }
        }
        if (JsonValues.isList(cfg.get("input_shape"))) {
            List<Object> s = new ArrayList<>();
            s.add(null);
            s.addAll(JsonValues.list(cfg.get("input_shape")));
            return s;
        }
        if (cfg.get("input_dim") != null) {
            List<Object> s = new ArrayList<>();
            s.add(null);
            if (cfg.containsKey("input_length")) {
                s.add(cfg.get("input_length"));
            }
            s.add(cfg.get("input_dim"));
            return s;
        }
        return null;
    }

    /**
     * A model input from its declared shape. A batch the file fixes ({@code batch_input_shape: [8, 50]}) stays in the
     * shape and its axis is marked as the batch ({@link ValueInfo#fileBatch()}): the report is for that batch, per
     * sample divided by it, and {@code --batch} re-batches it, as for an ONNX file traced with a fixed batch.
     */
    private static ValueInfo inputValue(Map<String, Object> cfg, String valueName) {
        List<Object> shape = batchShape(cfg);
        ValueInfo v = new ValueInfo(valueName, inputType(cfg, shape, valueName));
        boolean fixedBatch = shape != null
                && shape.size() > 1
                && !(shape.get(0) instanceof Double)
                && JsonValues.integer(shape.get(0)).filter(n -> n >= 1).isPresent();
        return fixedBatch ? v.withBatchAxis(0) : v;
    }

    private static TensorType inputType(Map<String, Object> cfg, List<Object> shape, String valueName) {
        DType dtype = LayerAttrs.dtypeOf(cfg.get("dtype"));
        if (shape == null) {
            return new TensorType(dtype, Shape.UNKNOWN_RANK);
        }
        List<Dim> dims = new ArrayList<>();
        for (int i = 0; i < shape.size(); i++) {
            var n = JsonValues.integer(shape.get(i));
            dims.add(
                    n.isPresent() && n.get() >= 0
                            ? Dim.of(n.get())
                            : Dim.symbol(i == 0 ? "batch" : valueName + ".dim" + i));
        }
        return new TensorType(dtype, Shape.of(dims));
    }
}
