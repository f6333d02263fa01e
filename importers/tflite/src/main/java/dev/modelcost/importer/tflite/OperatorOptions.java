package dev.modelcost.importer.tflite;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The few builtin options this project reads, by the field ids of their schema.fbs tables: window geometry of
 * convolutions and pooling (for the report), BATCH_MATMUL's adj_x (its MACs), and the subgraphs control flow calls.
 */
final class OperatorOptions {
    private OperatorOptions() {}

    static Map<String, Long> read(String op, FlatTable options) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (options == null) {
            return out;
        }
        switch (op) {
            case "CONV_2D" -> {
                window(out, options);
                out.put("dilation_w", (long) options.i32(4, 1));
                out.put("dilation_h", (long) options.i32(5, 1));
            }
            case "DEPTHWISE_CONV_2D" -> {
                window(out, options);
                out.put("depth_multiplier", (long) options.i32(3, 0));
            }
            case "AVERAGE_POOL_2D", "MAX_POOL_2D", "L2_POOL_2D" -> {
                window(out, options);
                out.put("filter_w", (long) options.i32(3, 0));
                out.put("filter_h", (long) options.i32(4, 0));
            }
            case "BATCH_MATMUL" -> {
                out.put("adj_x", options.bool(0) ? 1L : 0L);
                out.put("adj_y", options.bool(1) ? 1L : 0L);
            }
            case "WHILE" -> {
                out.put("cond_subgraph", (long) options.i32(0, -1));
                out.put("body_subgraph", (long) options.i32(1, -1));
            }
            case "IF" -> {
                out.put("then_subgraph", (long) options.i32(0, -1));
                out.put("else_subgraph", (long) options.i32(1, -1));
            }
            case "CALL_ONCE" -> out.put("init_subgraph", (long) options.i32(0, -1));
            default -> {}
        }
        return out;
    }

    /** Padding (0 SAME, 1 VALID) and strides: the first three fields of Conv2D, DepthwiseConv2D and Pool2D options. */
    private static void window(Map<String, Long> out, FlatTable options) {
        out.put("padding", (long) options.i8(0, 0));
        out.put("stride_w", (long) options.i32(1, 1));
        out.put("stride_h", (long) options.i32(2, 1));
    }
}
