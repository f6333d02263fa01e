package dev.modelcost.importer.dl4j;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

import java.util.List;
import java.util.Map;

/**
 * A MultiLayerNetwork's image size where the configuration stores none (DL4J ≤ 0.9 kept no input type; the Keras
 * import of that time wrote only the flattening preprocessor's [h, w, c]): walked back from the first preprocessor
 * that states its input through the 2D convolutions and poolings before it. A truncating window drops up to
 * stride − 1 rows, so several sizes give the same result; the smallest (no row dropped) is taken, and the range is
 * said.
 */
final class InputFromPreprocessor {
    /** The network input found, and the sentence that says how. */
    record Found(InputType input, String how) {}

    private InputFromPreprocessor() {}

    static Found of(List<Layer> layers, Map<Integer, InputPreProcessor> pres) {
        for (int k = 1; k < layers.size(); k++) {
            InputPreProcessor p = pres.get(k);
            InputType t = p == null ? null : Dl4jTypes.describedInput(p);
            if (t instanceof InputType.InputTypeConvolutional c) {
                return back(layers.subList(0, k), c, k);
            }
            if (p != null) {
                return null;
            }
        }
        return null;
    }

    private static Found back(List<Layer> before, InputType.InputTypeConvolutional at, int k) {
        long[] h = {at.getHeight(), at.getHeight()};
        long[] w = {at.getWidth(), at.getWidth()};
        long channels = at.getChannels();
        for (int i = before.size() - 1; i >= 0; i--) {
            Layer l = Dl4jTypes.unwrap(before.get(i));
            if (l instanceof ConvolutionLayer c
                    && !(l instanceof Convolution1DLayer)
                    && !(l instanceof Convolution3D)) {
                if (!invert(
                        c.getKernelSize(),
                        c.getStride(),
                        c.getPadding(),
                        c.getDilation(),
                        c.getConvolutionMode(),
                        h,
                        w)) {
                    return null;
                }
                channels = c.getNIn();
            } else if (l instanceof SubsamplingLayer s && !(l instanceof Subsampling1DLayer)) {
                if (!invert(
                        s.getKernelSize(),
                        s.getStride(),
                        s.getPadding(),
                        s.getDilation(),
                        s.getConvolutionMode(),
                        h,
                        w)) {
                    return null;
                }
            } else if (!(l instanceof DropoutLayer
                    || l instanceof ActivationLayer
                    || l instanceof BatchNormalization)) {
                return null;
            }
        }
        if (channels <= 0 || h[0] <= 0 || w[0] <= 0) {
            return null;
        }
        String range = h[0] == h[1] && w[0] == w[1]
                ? "the only input size that gives it"
                : "the smallest input that gives it (" + h[0] + "–" + h[1] + " × " + w[0] + "–" + w[1] + " all do)";
        return new Found(
                InputType.convolutional(h[0], w[0], channels),
                "the configuration stores no input size; " + h[0] + "×" + w[0] + "×" + channels + " is " + range
                        + ", walked back from the " + at.getHeight() + "×" + at.getWidth() + "×" + at.getChannels()
                        + " that the preprocessor of layer " + k + " states");
    }

    /** Replaces each axis's output range by the input range that gives it; false for a mode it cannot invert. */
    private static boolean invert(
            int[] kernel, int[] stride, int[] pad, int[] dilation, ConvolutionMode mode, long[] h, long[] w) {
        if (kernel == null || kernel.length != 2 || stride == null || stride.length != 2) {
            return false;
        }
        long[][] axes = {h, w};
        for (int a = 0; a < 2; a++) {
            long s = stride[a];
            long p = pad == null || pad.length != 2 ? 0 : pad[a];
            long d = dilation == null || dilation.length != 2 ? 1 : dilation[a];
            long k = (kernel[a] - 1) * d + 1;
            long[] r = axes[a];
            if (mode == ConvolutionMode.Same) {
                r[0] = (r[0] - 1) * s + 1;
                r[1] = r[1] * s;
            } else if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict || mode == null) {
                long lo = (r[0] - 1) * s + k - 2 * p;
                long hi = (r[1] - 1) * s + k - 2 * p + (mode == ConvolutionMode.Strict ? 0 : s - 1);
                r[0] = lo;
                r[1] = hi;
            } else {
                return false;
            }
        }
        return true;
    }
}
