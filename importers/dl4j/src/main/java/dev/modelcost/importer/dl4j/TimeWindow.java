package dev.modelcost.importer.dl4j;

import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.Dim;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling1D;
import org.deeplearning4j.nn.conf.layers.ZeroPadding1DLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping1D;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a 1D layer changes the sequence length, kept as the node attribute {@code time_window} so that the
 * rule can apply it to a length given only at analysis time ({@code --dim time=N}), as DL4J's
 * Convolution1DUtils.getOutputSize does: [0, kernel, stride, padding, dilation, same] for convolution and
 * pooling (Same and Causal: ⌈T / stride⌉; otherwise (T − effective kernel + 2·padding) / stride + 1),
 * [1, delta] for cropping and padding (T + delta), [2, factor] for upsampling (T × factor).
 */
final class TimeWindow {
    static final String ATTR = "time_window";

    private TimeWindow() {}

    static Optional<Attr> of(Layer layer) {
        Layer u = Dl4jTypes.unwrap(layer);
        if (u instanceof Convolution1DLayer c) {
            return window(c.getKernelSize(), c.getStride(), c.getPadding(), c.getDilation(), c.getConvolutionMode());
        }
        if (u instanceof Subsampling1DLayer s) {
            return window(s.getKernelSize(), s.getStride(), s.getPadding(), s.getDilation(), s.getConvolutionMode());
        }
        if (u instanceof Cropping1D c && c.getCropping() != null && c.getCropping().length == 2) {
            return Optional.of(ints(1, -(long) c.getCropping()[0] - c.getCropping()[1]));
        }
        if (u instanceof ZeroPadding1DLayer z && z.getPadding() != null && z.getPadding().length == 2) {
            return Optional.of(ints(1, (long) z.getPadding()[0] + z.getPadding()[1]));
        }
        if (u instanceof Upsampling1D up && up.getSize() != null && up.getSize().length >= 1) {
            return Optional.of(ints(2, up.getSize()[0]));
        }
        return Optional.empty();
    }

    private static Optional<Attr> window(int[] k, int[] s, int[] p, int[] d, ConvolutionMode mode) {
        if (k == null || s == null || k.length == 0 || s.length == 0) {
            return Optional.empty();
        }
        long padding = p == null || p.length == 0 ? 0 : p[0];
        long dilation = d == null || d.length == 0 ? 1 : d[0];
        boolean same = mode == ConvolutionMode.Same || mode == ConvolutionMode.Causal;
        return Optional.of(ints(0, k[0], s[0], padding, dilation, same ? 1 : 0));
    }

    private static Attr ints(long... v) {
        return new Attr.Ints(Arrays.stream(v).boxed().toList());
    }

    /** The output length for an input length, or unknown when the input length is. */
    static Dim apply(long[] w, Dim in) {
        if (!in.isFixed()) {
            return Dim.UNKNOWN;
        }
        long t = in.size();
        long out =
                switch ((int) w[0]) {
                    case 0 -> {
                        long kernel = w[1] + (w[1] - 1) * (w[4] - 1);
                        yield w[5] == 1 ? (t + w[2] - 1) / w[2] : (t - kernel + 2 * w[3]) / w[2] + 1;
                    }
                    case 1 -> t + w[1];
                    case 2 -> t * w[1];
                    default -> -1;
                };
        return out >= 0 ? Dim.of(out) : Dim.UNKNOWN;
    }
}
