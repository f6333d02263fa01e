package dev.modelcost.importer.keras;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads from parsed JSON (maps, lists, strings, numbers), tolerant of what is missing. */
final class Cfg {
    private Cfg() { }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) { return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(); }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) { return o instanceof List<?> l ? (List<Object>) l : List.of(); }

    static boolean isMap(Object o) { return o instanceof Map<?, ?>; }

    static boolean isList(Object o) { return o instanceof List<?>; }

    static Optional<String> str(Map<String, Object> m, String key) {
        return m.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    static String str(Map<String, Object> m, String key, String fallback) { return str(m, key).orElse(fallback); }

    static boolean bool(Map<String, Object> m, String key, boolean fallback) {
        Object v = m.get(key);
        return v instanceof Boolean b ? b : fallback;
    }

    static Optional<Long> integer(Object v) {
        if (v instanceof Long l) {
            return Optional.of(l);
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Optional.of(d.longValue());
        }
        return Optional.empty();
    }

    /** The "config" of a {class_name, config} object; Keras 1 Sequential configs are bare lists. */
    static Map<String, Object> config(Object layer) { return map(map(layer).get("config")); }

    static String className(Object layer) { return str(map(layer), "class_name", ""); }
}
