package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.Arrays;

/**
 * Sliding-window geometry shared by Conv, ConvTranspose and the pooling ops: kernel, strides,
 * pads, dilations and auto_pad, as the ONNX operator specification defines them.
 */
final class Windows {
    private Windows() {}

    static long[] ints(Node n, String key, int count, long fill) {
        long[] v = n.intsAttr(key).orElse(null);
        if (v == null) {
            v = new long[count];
            Arrays.fill(v, fill);
        }
        if (v.length != count && !(key.equals("pads") && v.length == 2 * count)) {
            throw new RuleCannotTell(key + " has " + v.length + " entries, expected " + count);
        }
        return v;
    }

    /** Output size of one spatial axis of a convolution or pooling window. */
    static Dim outputDim(Node n, Dim in, int axis, int spatialRank, long kernel, boolean ceilMode) {
        long stride = ints(n, "strides", spatialRank, 1)[axis];
        if (!in.isFixed()) {
            return stride == 1 ? symbolicStrideOne(n, in, axis, spatialRank, kernel) : Dim.UNKNOWN;
        }
        long dilation = ints(n, "dilations", spatialRank, 1)[axis];
        long effectiveKernel = (kernel - 1) * dilation + 1;
        String autoPad = n.stringAttr("auto_pad").orElse("NOTSET");
        long size = in.size();
        if (autoPad.equals("SAME_UPPER") || autoPad.equals("SAME_LOWER")) {
            return Dim.of(ceilDiv(size, stride));
        }
        if (autoPad.equals("VALID")) {
            return Dim.of(Math.max(0, ceilDiv(size - effectiveKernel + 1, stride)));
        }
        long[] pads = ints(n, "pads", 2 * spatialRank, 0);
        long padded = size + pads[axis] + pads[axis + spatialRank] - effectiveKernel;
        long out = (ceilMode ? ceilDiv(padded, stride) : Math.floorDiv(padded, stride)) + 1;
        if (ceilMode && (out - 1) * stride >= size + pads[axis]) {
            out--; // the last window must start inside the input or its left padding
        }
        return Dim.of(Math.max(out, 0));
    }

    static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** With stride 1 no rounding happens, so a symbolic size stays exact: D + pads − dilation·(k − 1). */
    private static Dim symbolicStrideOne(Node n, Dim in, int axis, int spatialRank, long kernel) {
        String autoPad = n.stringAttr("auto_pad").orElse("NOTSET");
        if (autoPad.startsWith("SAME")) {
            return in;
        }
        long dilation = ints(n, "dilations", spatialRank, 1)[axis];
        long[] pads = autoPad.equals("VALID") ? new long[2 * spatialRank] : ints(n, "pads", 2 * spatialRank, 0);
        long delta = pads[axis] + pads[axis + spatialRank] - (kernel - 1) * dilation;
        return delta >= 0
                ? dev.modelcost.core.ir.DimArithmetic.add(in, Dim.of(delta))
                : dev.modelcost.core.ir.DimArithmetic.sub(in, Dim.of(-delta));
    }
}
