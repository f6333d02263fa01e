package dev.modelcost.core.analysis.runtime;

import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorType;

/**
 * A 2-D convolution as the runtimes see it: input, weight and output dims for the batch, groups, and whether it
 * strides, dilates or pads. Empty ({@link #of} returns null) when a shape is unknown or the convolution is not 2-D.
 */
record ConvolutionNode(
        long[] input,
        long[] weight,
        long[] output,
        long group,
        boolean strided,
        boolean dilated,
        boolean padded,
        long elementBytes) {

    static ConvolutionNode of(Node n, ExecGraph eg, InferredTypes types) {
        if (n.inputs().size() < 2 || n.outputs().isEmpty()) {
            return null;
        }
        TensorType w = types.typeOf(n.input(1));
        long[] x = eg.shapeOf(n.input(0));
        long[] y = eg.shapeOf(n.outputs().get(0));
        if (!w.shape().isFullyKnown() || w.shape().rank() != 4 || x.length != 4 || y.length != 4) {
            return null;
        }
        long elements = y[0] * y[1] * y[2] * y[3];
        long bytes = eg.bytesOf(n.outputs().get(0));
        return new ConvolutionNode(
                x,
                w.shape().sizes(),
                y,
                n.intAttr("group", 1),
                any(n, "strides", 1),
                any(n, "dilations", 1),
                any(n, "pads", 0) || !n.stringAttr("auto_pad").orElse("NOTSET").equals("NOTSET"),
                elements == 0 ? 4 : bytes / elements);
    }

    private static boolean any(Node n, String attr, long neutral) {
        for (long v : n.intsAttr(attr).orElse(new long[0])) {
            if (v != neutral) {
                return true;
            }
        }
        return false;
    }

    EagerConvolution eager() {
        return EagerConvolution.of(input, weight, output, group, strided, dilated, padded, elementBytes);
    }

    long outputBytes() {
        return output[0] * output[1] * output[2] * output[3] * elementBytes;
    }
}
