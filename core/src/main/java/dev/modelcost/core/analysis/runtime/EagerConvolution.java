package dev.modelcost.core.analysis.runtime;

/**
 * What PyTorch's CPU convolution allocates besides its output, with one intra-op thread (measured with torch 1.13's
 * allocator profiler; docs/memory.md, "Runtime profiles"). PyTorch sends a 2-D convolution to oneDNN unless it is a
 * small unstrided 1×1 or 3×3 case, which its own kernel runs, expanding the input into columns first (im2col) unless
 * the kernel is 1×1 without stride or padding. oneDNN works in a channel-blocked layout (16 channels on AVX-512):
 * it copies an input of 16 or more channels into that layout, copies the weights into it every call, writes its
 * result in it and then copies the result into the dense tensor it returns. A strided 1×1 convolution first gathers
 * the strided input pixels into a scratch buffer, one image at a time.
 *
 * @param inputReorder   the input copied into the blocked layout (channels padded to 16)
 * @param weightReorder  the weights copied into the blocked layout
 * @param blockedOutput  the result in the blocked layout, before its copy into the returned tensor (0: no copy)
 * @param stridedScratch the strided 1×1 convolution's gathered input
 * @param columns        the im2col buffer of PyTorch's own kernel
 */
record EagerConvolution(long inputReorder, long weightReorder, long blockedOutput, long stridedScratch, long columns) {
    static final EagerConvolution NONE = new EagerConvolution(0, 0, 0, 0, 0);
    private static final long BLOCK = 16;
    private static final long SMALL_INPUT_ELEMENTS = 20480;

    /**
     * @param x input dims [N, C, H, W], {@code w} weight dims [Co, C/group, kh, kw], {@code y} output dims, all for
     *          the batch; {@code elementBytes} the element width
     */
    static EagerConvolution of(
            long[] x,
            long[] w,
            long[] y,
            long group,
            boolean strided,
            boolean dilated,
            boolean padded,
            long elementBytes) {
        if (x.length != 4 || w.length != 4 || y.length != 4) {
            return NONE;
        }
        long n = x[0];
        long c = x[1];
        long spatialIn = x[2] * x[3];
        long spatialOut = y[2] * y[3];
        boolean pointwise = w[2] == 1 && w[3] == 1;
        boolean oneDnn = (strided || dilated || n >= 16 || !pointwise)
                && (group > 1 || (w[2] > 3 && w[3] > 3) || n > 1 || n * c * spatialIn > SMALL_INPUT_ELEMENTS);
        if (!oneDnn) {
            long columns = pointwise && !strided && !padded ? 0 : n * c * w[2] * w[3] * spatialOut * elementBytes;
            return new EagerConvolution(0, 0, 0, 0, columns);
        }
        boolean blockedInput = c >= BLOCK;
        long inputReorder = blockedInput ? n * roundUp(c) * spatialIn * elementBytes : 0;
        long weightReorder = group == 1
                ? roundUp(w[0]) * (blockedInput ? roundUp(w[1]) : w[1]) * w[2] * w[3] * elementBytes
                : w[0] * w[1] * w[2] * w[3] * elementBytes;
        long blockedOutput = (group == 1 ? n * roundUp(y[1]) : n * y[1]) * spatialOut * elementBytes;
        long scratch = pointwise && strided ? roundUp(c) * spatialOut * elementBytes : 0;
        return new EagerConvolution(inputReorder, weightReorder, blockedOutput, scratch, 0);
    }

    /**
     * Bytes alive during the call beyond its (dense) output: the larger of the compute phase (reordered input, weights,
     * scratch and blocked result) and the copy phase (blocked and dense result), less the dense output, which the live
     * set already holds. The flags switch parts off, to tell each part's share.
     */
    long transientBytes(
            long outputBytes, boolean copy, boolean weights, boolean input, boolean scratch, boolean im2col) {
        if (blockedOutput == 0) {
            return im2col ? columns : 0;
        }
        long result = copy ? blockedOutput : outputBytes;
        long compute =
                result + (weights ? weightReorder : 0) + (input ? inputReorder : 0) + (scratch ? stridedScratch : 0);
        long copyPhase = copy ? blockedOutput + outputBytes : outputBytes;
        return Math.max(compute, copyPhase) - outputBytes;
    }

    private static long roundUp(long channels) {
        return (channels + BLOCK - 1) / BLOCK * BLOCK;
    }
}
