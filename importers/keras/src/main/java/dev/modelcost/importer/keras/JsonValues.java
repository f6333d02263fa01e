package dev.modelcost.importer.keras;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads from parsed JSON ({@link Json}: maps, lists, strings, numbers), tolerant of what is missing. */
final class JsonValues {
    private JsonValues() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static boolean isMap(Object o) {
        return o instanceof Map<?, ?>;
    }

    static boolean isList(Object o) {
        return o instanceof List<?>;
    }

    static Optional<String> str(Map<String, Object> m, String key) {
        return m.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    static String str(Map<String, Object> m, String key, String fallback) {
        return str(m, key).orElse(fallback);
    }

    static boolean bool(Map<String, Object> m, String key, boolean fallback) {
        Object v = m.get(key);
        return v instanceof Boolean b ? b : fallback;
    }

    /** A whole number, written as an integer or as a double with no fraction ({@code 3.0}). */
    static Optional<Long> integer(Object v) {
        if (v instanceof Long l) {
            return Optional.of(l);
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Optional.of(d.longValue());
        }
        return Optional.empty();
    }
}
