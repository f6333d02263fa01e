package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ops.RuleCannotTell;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.NodeContext;

import java.util.ArrayList;
import java.util.List;

/** What the Keras rules share: data inputs (stored weights excluded), attribute tuples, window arithmetic. */
final class K {
    private K() { }

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
    static TensorType x(NodeContext ctx) {
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
        return n.stringAttr(prefix + "data_format").map(s -> s.equals("channels_first")).orElse(false);
    }

    /** A Keras int-or-tuple attribute expanded to {@code count} values. */
    static long[] tuple(Node n, String key, int count, long fallback) {
        long[] v = n.intsAttr(key).orElse(null);
        if (v == null) {
            var single = n.intAttr(key);
            v = new long[count];
            java.util.Arrays.fill(v, single.isPresent() ? single.getAsLong() : fallback);
            return v;
        }
        if (v.length == 1 && count > 1) {
            long[] w = new long[count];
            java.util.Arrays.fill(w, v[0]);
            return w;
        }
        if (v.length != count) {
            throw new RuleCannotTell(key + " has " + v.length + " values, expected " + count);
        }
        return v;
    }

    static boolean hasTuple(Node n, String key) { return n.intsAttr(key).isPresent() || n.intAttr(key).isPresent(); }

    /** Output length of one axis of a Keras conv/pool window: valid, same, causal or full padding. */
    static Dim window(Dim in, long kernel, long stride, long dilation, String padding) {
        if (!in.isFixed()) {
            return Dim.UNKNOWN;
        }
        long size = in.size();
        long dk = (kernel - 1) * dilation + 1;
        long out = switch (padding) {
            case "same", "causal" -> ceilDiv(size, stride);
            case "full" -> Math.floorDiv(size + dk - 2, stride) + 1;
            default -> size >= dk ? Math.floorDiv(size - dk, stride) + 1 : 0;
        };
        return Dim.of(Math.max(out, 0));
    }

    static long ceilDiv(long a, long b) { return -Math.floorDiv(-a, b); }

    /** Spatial axes positions for a rank-r input with data_format. */
    static int firstSpatial(boolean channelsFirst) { return channelsFirst ? 2 : 1; }

    static int channelAxis(int rank, boolean channelsFirst) { return channelsFirst ? 1 : rank - 1; }

    /** Elements of the {@code kernel_size} window over {@code spatial} axes, overflow-checked. */
    static long kernelVolume(Node n, int spatial) {
        long v = 1;
        for (long k : tuple(n, "kernel_size", spatial, 1)) {
            v = Math.multiplyExact(v, k);
        }
        return v;
    }

    /** Product of the fixed dims of a shape; -1 if any is unknown. */
    static long product(Shape s, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            Dim d = s.dim(i);
            if (!d.isFixed()) {
                return -1;
            }
            p = Math.multiplyExact(p, d.size());
        }
        return p;
    }

    static Dim times(Dim d, long f) { return d.isFixed() ? Dim.of(Math.multiplyExact(d.size(), f)) : Dim.UNKNOWN; }

    static Dim plus(Dim d, long f) { return d.isFixed() ? Dim.of(Math.max(0, d.size() + f)) : Dim.UNKNOWN; }

    /** The rank of a shape, or -1 when unknown. */
    static int rank(TensorType t) { return t.shape().hasRank() ? t.shape().rank() : -1; }
}
