package dev.modelcost.core.analysis.runtime;

/**
 * The working buffer ONNX Runtime's MLAS convolution (the plain-layout one; blocked convolutions need none) takes from
 * the arena for each call, with one thread: none for a pointwise convolution (1×1 kernel, no stride, no padding), which
 * is one GEMM on the input; the whole im2col matrix (output pixels × C/group × kernel) when there are more filters than
 * output pixels; otherwise one GEMM panel of 128 × 128 floats, or, for several images or groups, the larger of the
 * im2col matrix, the output and that panel for one image and group.
 */
final class MlasConvolution {
    private static final long PANEL_FLOATS = 128L * 128;

    private MlasConvolution() {}

    static long workingBufferBytes(ConvolutionNode c) {
        long[] w = c.weight();
        long k = w[1] * w[2] * w[3];
        long outputSize = c.output()[2] * c.output()[3];
        long filters = w[0] / Math.max(c.group(), 1);
        if (!c.strided() && !c.padded() && k == w[1]) {
            return 0;
        }
        long floats;
        if (filters > outputSize) {
            floats = outputSize * k;
        } else if (c.input()[0] > 1 || c.group() > 1) {
            floats = Math.max(Math.max(outputSize * k, filters * outputSize), PANEL_FLOATS);
        } else {
            floats = PANEL_FLOATS;
        }
        return floats * Float.BYTES;
    }
}
