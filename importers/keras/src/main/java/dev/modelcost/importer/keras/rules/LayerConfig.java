package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads what the Keras importer put on a layer's node: its data inputs (stored weights excluded) and its config
 * attributes (dtype, data_format, int-or-tuple sizes).
 */
final class LayerConfig {
    private LayerConfig() {}

    /** Indices of the inputs that are activations, not stored weights. */
    static List<Integer> dataInputs(NodeContext ctx) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < ctx.inputCount(); i++) {
            if (ctx.hasInput(i) && !ctx.inputIsStored(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /** Type of the first data input. */
    static TensorType firstDataInput(NodeContext ctx) {
        List<Integer> d = dataInputs(ctx);
        return d.isEmpty() ? TensorType.UNKNOWN : ctx.input(d.get(0));
    }

    /** The layer's compute dtype when it is a float type, else the input's. */
    static DType outDType(Node n, TensorType in) {
        String d = n.stringAttr("dtype").orElse(null);
        if (d != null) {
            try {
                DType t = DType.fromShortName(d);
                if (t.isFloating()) {
                    return t;
                }
            } catch (IllegalArgumentException ignored) {
                // fall through to the input's type
            }
        }
        return in.dtype() == DType.UNKNOWN ? DType.FLOAT32 : in.dtype();
    }

    static boolean channelsFirst(Node n, String prefix) {
        return n.stringAttr(prefix + "data_format")
                .map(s -> s.equals("channels_first"))
                .orElse(false);
    }

    /** A Keras int-or-tuple attribute expanded to {@code count} values. */
    static long[] tuple(Node n, String key, int count, long fallback) {
        long[] v = n.intsAttr(key).orElse(null);
        if (v == null) {
            var single = n.intAttr(key);
            v = new long[count];
            Arrays.fill(v, single.isPresent() ? single.getAsLong() : fallback);
            return v;
        }
        if (v.length == 1 && count > 1) {
            long[] w = new long[count];
            Arrays.fill(w, v[0]);
            return w;
        }
        if (v.length != count) {
            throw new RuleCannotTell(key + " has " + v.length + " values, expected " + count);
        }
        return v;
    }

    static boolean hasTuple(Node n, String key) {
        return n.intsAttr(key).isPresent() || n.intAttr(key).isPresent();
    }

    /** Elements of the {@code kernel_size} window over {@code spatial} axes, overflow-checked. */
    static long kernelVolume(Node n, int spatial) {
        long v = 1;
        for (long k : tuple(n, "kernel_size", spatial, 1)) {
            v = Math.multiplyExact(v, k);
        }
        return v;
    }
}
