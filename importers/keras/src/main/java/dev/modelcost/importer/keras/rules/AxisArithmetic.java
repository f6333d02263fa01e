package dev.modelcost.importer.keras.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorType;

/** Axis arithmetic of the Keras rules: window output lengths, spatial and channel axis positions, fixed-dim products. */
final class AxisArithmetic {
    private AxisArithmetic() {}

    /** Output length of one axis of a Keras conv/pool window: valid, same, causal or full padding. */
    static Dim window(Dim in, long kernel, long stride, long dilation, String padding) {
        if (!in.isFixed()) {
            return Dim.UNKNOWN;
        }
        long size = in.size();
        long dk = (kernel - 1) * dilation + 1;
        long out =
                switch (padding) {
                    case "same", "causal" -> ceilDiv(size, stride);
                    case "full" -> Math.floorDiv(size + dk - 2, stride) + 1;
                    default -> size >= dk ? Math.floorDiv(size - dk, stride) + 1 : 0;
                };
        return Dim.of(Math.max(out, 0));
    }

    static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** Spatial axes positions for a rank-r input with data_format. */
    static int firstSpatial(boolean channelsFirst) {
        return channelsFirst ? 2 : 1;
    }

    static int channelAxis(int rank, boolean channelsFirst) {
        return channelsFirst ? 1 : rank - 1;
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

    static Dim times(Dim d, long f) {
        return d.isFixed() ? Dim.of(Math.multiplyExact(d.size(), f)) : Dim.UNKNOWN;
    }

    static Dim plus(Dim d, long f) {
        return d.isFixed() ? Dim.of(Math.max(0, d.size() + f)) : Dim.UNKNOWN;
    }

    /** The rank of a shape, or -1 when unknown. */
    static int rank(TensorType t) {
        return t.shape().hasRank() ? t.shape().rank() : -1;
    }
}
