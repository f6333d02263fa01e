package dev.modelcost.cli.format;

/** The one-line definitions of each total, printed with the numbers they define (docs/json-schema.md has the long form). */
public final class Conventions {
    public static final String MACS = "multiply-accumulates of Conv, ConvTranspose, Gemm, MatMul and other "
            + "arithmetic layers, per sample, per node application; bias adds, normalisation, activations and "
            + "pooling not counted; FLOPs ~= 2 x MACs";
    public static final String LAYER_OUTPUT_ELEMENTS = "model input plus every output a layer allocates, per sample; "
            + "elementwise activations on a layer's output are in place and views (Flatten, Reshape, Identity, "
            + "inference Dropout) allocate nothing";
    public static final String PEAK_LIVE_BYTES =
            "most activation bytes alive at once over the schedule, for the batch; "
                    + "= peakLiveFixedBytes + batch x peakLivePerSampleBytes";
    public static final String TRAINING =
            "one training step: parameters (+ fp32 master weights under mixed precision), "
                    + "a gradient per trainable parameter, optimizer slots x trainable parameters, activations kept for backward "
                    + "as PyTorch's autograd keeps them; peakBytes = peakFixedBytes + batch x peakPerSampleBytes, the most alive "
                    + "at once over forward, backward and update with optimizer state held from earlier steps; see docs/memory.md";
    public static final String PARAMETERS = "stored parameter elements, each tensor once however many nodes use it; "
            + "integer shape/index tensors and thresholds are constants, not parameters";

    private Conventions() {}
}
