package dev.modelcost.importer.keras;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.DType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a layer's config into node attributes under Keras 2/3 names: scalars, strings and integer tuples
 * are kept; Keras 1 names (nb_filter, nb_row/nb_col, subsample, border_mode, dim_ordering, output_dim,
 * filter_length, pool_length, stride, atrous_rate, p) are translated. Wrapped layers (TimeDistributed,
 * Bidirectional) contribute their own attributes under a "layer." prefix with "layer.class_name".
 */
final class LayerAttrs {
    private LayerAttrs() {}

    static Map<String, Attr> of(String className, Map<String, Object> config) {
        Map<String, Attr> out = new LinkedHashMap<>();
        put(out, "", config, 0);
        normalizeKeras1(className, config, out, "");
        Object inner = config.get("layer");
        if (JsonValues.isMap(inner)) {
            String innerClass = KerasObject.className(inner);
            Map<String, Object> innerCfg = KerasObject.config(inner);
            out.put("layer.class_name", new Attr.Str(innerClass));
            put(out, "layer.", innerCfg, 0);
            normalizeKeras1(innerClass, innerCfg, out, "layer.");
        }
        out.put("dtype", new Attr.Str(dtypeOf(config.get("dtype")).shortName()));
        putCodeSize(out, "function", config.get("function"));
        if (!"raw".equals(config.get("output_shape_type")) && config.containsKey("output_shape_type")) {
            putCodeSize(out, "output_shape", config.get("output_shape"));
        }
        return out;
    }

    /** A call's constant keyword arguments (numbers, strings, integer tuples) as attributes prefixed "call.". */
    static Map<String, Attr> callArguments(Map<String, Object> kwargs) {
        Map<String, Attr> out = new LinkedHashMap<>();
        put(out, "call.", kwargs, 1);
        return out;
    }

    /**
     * A Lambda's function (and a computed output_shape) is Python code: marshalled bytecode in Keras 2, a
     * {"class_name": "__lambda__", "config": {"code": ...}} object in Keras 3. Only its size in characters is
     * kept ("code.function_chars"), so that the report can say code is present; it is never decoded or run.
     */
    private static void putCodeSize(Map<String, Attr> out, String key, Object value) {
        long chars = textChars(value, 0);
        if (chars > 0) {
            out.put("code." + key + "_chars", new Attr.Int(chars));
        }
    }

    private static long textChars(Object v, int depth) {
        if (depth > 8 || v == null) {
            return 0;
        }
        if (v instanceof String s) {
            return s.length();
        }
        long n = 0;
        if (v instanceof List<?> l) {
            for (Object x : l) {
                n += textChars(x, depth + 1);
            }
        } else if (v instanceof Map<?, ?> m) {
            for (Object x : m.values()) {
                n += textChars(x, depth + 1);
            }
        }
        return n;
    }

    private static void put(Map<String, Attr> out, String prefix, Map<String, Object> config, int depth) {
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String k = prefix + e.getKey();
            Object v = e.getValue();
            if (v instanceof Long l) {
                out.put(k, new Attr.Int(l));
            } else if (v instanceof Double d) {
                out.put(k, new Attr.Float(d));
            } else if (v instanceof Boolean b) {
                out.put(k, new Attr.Int(b ? 1 : 0));
            } else if (v instanceof String s) {
                out.put(k, new Attr.Str(s));
            } else if (v instanceof List<?> list) {
                List<Long> ints = flattenInts(JsonValues.list(list), 0);
                if (ints != null) {
                    out.put(k, new Attr.Ints(ints));
                } else if (!list.isEmpty() && list.stream().allMatch(x -> x instanceof String)) {
                    out.put(
                            k,
                            new Attr.Strs(list.stream().map(String.class::cast).toList()));
                }
            } else if (v instanceof Map<?, ?> m && e.getKey().equals("activation") && depth == 0) {
                JsonValues.str(JsonValues.map(m), "class_name").ifPresent(s -> out.put(k, new Attr.Str(s)));
            }
        }
    }

    /** Integers of a (possibly nested) tuple, -1 for None; null when it holds anything else. */
    private static List<Long> flattenInts(List<Object> l, int depth) {
        if (depth > 4) {
            return null;
        }
        List<Long> out = new ArrayList<>();
        for (Object x : l) {
            if (x == null) {
                out.add(-1L);
            } else if (JsonValues.integer(x).isPresent() && !(x instanceof Double)) {
                out.add(JsonValues.integer(x).get());
            } else if (x instanceof List<?> sub) {
                List<Long> s = flattenInts(JsonValues.list(sub), depth + 1);
                if (s == null) {
                    return null;
                }
                out.addAll(s);
            } else {
                return null;
            }
        }
        return out;
    }

    private static void normalizeKeras1(String cls, Map<String, Object> cfg, Map<String, Attr> out, String p) {
        rename(out, p + "nb_filter", p + "filters");
        rename(out, p + "subsample", p + "strides");
        rename(out, p + "subsample_length", p + "strides");
        rename(out, p + "border_mode", p + "padding");
        rename(out, p + "atrous_rate", p + "dilation_rate");
        rename(out, p + "filter_length", p + "kernel_size");
        rename(out, p + "pool_length", p + "pool_size");
        rename(out, p + "stride", p + "strides");
        rename(out, p + "p", p + "rate");
        if (cls.equals("UpSampling1D")) {
            rename(out, p + "length", p + "size");
        }
        if (cfg.containsKey("nb_row")) {
            List<Long> k = new ArrayList<>();
            for (String key : new String[] {"nb_dim1", "nb_row", "nb_col"}) {
                JsonValues.integer(cfg.get(key)).ifPresent(k::add);
            }
            if (cfg.containsKey("kernel_dim1")) {
                k.clear();
                for (String key : new String[] {"kernel_dim1", "kernel_dim2", "kernel_dim3"}) {
                    JsonValues.integer(cfg.get(key)).ifPresent(k::add);
                }
            }
            out.put(p + "kernel_size", new Attr.Ints(k));
        } else if (cfg.containsKey("kernel_dim1")) {
            List<Long> k = new ArrayList<>();
            for (String key : new String[] {"kernel_dim1", "kernel_dim2", "kernel_dim3"}) {
                JsonValues.integer(cfg.get(key)).ifPresent(k::add);
            }
            out.put(p + "kernel_size", new Attr.Ints(k));
        }
        if (cfg.containsKey("output_dim") && !cfg.containsKey("units")) {
            String target = cls.equals("Embedding") ? "output_dim" : "units";
            rename(out, p + "output_dim", p + target);
        }
        if (cfg.get("dim_ordering") instanceof String d) {
            out.remove(p + "dim_ordering");
            if (d.equals("th")) {
                out.put(p + "data_format", new Attr.Str("channels_first"));
            } else if (d.equals("tf")) {
                out.put(p + "data_format", new Attr.Str("channels_last"));
            }
        }
        if (cfg.get("mode") instanceof String m && cls.equals("Merge")) {
            out.put(p + "merge_mode", new Attr.Str(m));
        }
    }

    private static void rename(Map<String, Attr> out, String from, String to) {
        Attr a = out.remove(from);
        if (a != null && !out.containsKey(to)) {
            out.put(to, a);
        }
    }

    /** Keras dtype names, dtype policies ({"class_name": "DTypePolicy", "config": {"name": ...}}) and mixed policies. */
    static DType dtypeOf(Object dtype) {
        String name = null;
        if (dtype instanceof String s) {
            name = s;
        } else if (JsonValues.isMap(dtype)) {
            name = JsonValues.str(KerasObject.config(dtype), "name").orElse(null);
        }
        if (name == null) {
            return DType.FLOAT32;
        }
        return switch (name) {
            case "float16", "mixed_float16" -> DType.FLOAT16;
            case "bfloat16", "mixed_bfloat16" -> DType.BFLOAT16;
            case "float64" -> DType.FLOAT64;
            case "int32" -> DType.INT32;
            case "int64" -> DType.INT64;
            case "int8" -> DType.INT8;
            case "uint8" -> DType.UINT8;
            case "bool" -> DType.BOOL;
            default -> DType.FLOAT32;
        };
    }
}
