package dev.modelcost.importer.keras;

import dev.modelcost.core.io.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tensor references in a Keras functional config: the inbound nodes of a layer (Keras 1/2 {@code [name, node,
 * tensor, kwargs]} lists, Keras 3 {@code keras_history}), a model's {@code input_layers}/{@code output_layers},
 * and the keyword arguments a call passes.
 */
final class InboundRefs {
    private InboundRefs() {}

    /** A reference to output {@code tensor} of call {@code node} of layer {@code layer}. */
    record Ref(String layer, int node, int tensor) {}

    /**
     * Keyword arguments of one inbound node: Keras 3 {@code {"args": ..., "kwargs": {...}}}; Keras 2 the map after the
     * first reference ({@code [["dense", 0, 0, {"y": 2.0}]]}).
     */
    static Map<String, Object> kwargs(Object node) {
        if (JsonValues.isMap(node)) {
            Object k = JsonValues.map(node).get("kwargs");
            return JsonValues.isMap(k) ? JsonValues.map(k) : Map.of();
        }
        List<Object> refs = JsonValues.list(node);
        if (!refs.isEmpty() && JsonValues.isList(refs.get(0))) {
            List<Object> first = JsonValues.list(refs.get(0));
            if (first.size() > 3 && JsonValues.isMap(first.get(3))) {
                return JsonValues.map(first.get(3));
            }
        }
        return Map.of();
    }

    static int indexOf(List<Ref> refs, String layer) {
        for (int i = 0; i < refs.size(); i++) {
            if (refs.get(i).layer().equals(layer)) {
                return i;
            }
        }
        return -1;
    }

    /** input_layers/output_layers: one [name, node, tensor] or a list of them. */
    static List<Ref> refList(Object o) {
        List<Ref> out = new ArrayList<>();
        List<Object> l = JsonValues.list(o);
        if (!l.isEmpty() && l.get(0) instanceof String) {
            Ref r = asRef(l);
            if (r != null) {
                out.add(r);
            }
            return out;
        }
        for (Object x : l) {
            Ref r = asRef(JsonValues.list(x));
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    static Ref asRef(List<Object> l) {
        if (l.size() >= 3
                && l.get(0) instanceof String s
                && JsonValues.integer(l.get(1)).isPresent()
                && JsonValues.integer(l.get(2)).isPresent()) {
            return new Ref(
                    s,
                    JsonValues.integer(l.get(1)).get().intValue(),
                    JsonValues.integer(l.get(2)).get().intValue());
        }
        return null;
    }

    /** Finds tensor references in one inbound node: Keras 1/2 [name, node, tensor, kwargs] lists, Keras 3 keras_history. */
    static void collectRefs(Object o, List<Ref> out, int depth) {
        if (depth > Json.MAX_DEPTH) {
            return;
        }
        if (o instanceof List<?> l) {
            Ref r = asRef(JsonValues.list(l));
            if (r != null) {
                out.add(r);
                if (l.size() > 3) {
                    collectRefs(l.get(3), out, depth + 1);
                }
                return;
            }
            for (Object x : l) {
                collectRefs(x, out, depth + 1);
            }
        } else if (o instanceof Map<?, ?> m) {
            Map<String, Object> mm = JsonValues.map(m);
            if ("__keras_tensor__".equals(mm.get("class_name"))) {
                Ref r = asRef(JsonValues.list(JsonValues.map(mm.get("config")).get("keras_history")));
                if (r != null) {
                    out.add(r);
                }
                return;
            }
            for (Object x : mm.values()) {
                collectRefs(x, out, depth + 1);
            }
        }
    }
}
