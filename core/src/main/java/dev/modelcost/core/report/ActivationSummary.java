package dev.modelcost.core.report;

/**
 * Activation memory. {@code layerOutputElements}/{@code layerOutputBytes} are per sample: the model input
 * plus every output a layer allocates (in-place activations and views allocate nothing).
 * {@code peakLiveBytes} is the most bytes alive at once for {@code batch} samples:
 * {@code peakFixedBytes + batch × peakPerSampleBytes} at the peak step.
 * {@code complete} is false when some shapes or dtypes are unknown (the figures are then lower bounds).
 * The peak splits as {@code peakLiveBytes = peakLiveFixedBytes + batch × peakLivePerSampleBytes} (the DL4J-style
 * "fixed + N × per-sample" at the peak step; fixed bytes are values computed from shapes alone), whereas
 * {@code peakLiveBytesPerSample} is the peak at batch 1. {@code peakLiveBytesBeyondInputs} leaves out the
 * graph inputs, which the caller already holds (what an allocator profiler sees once the input exists).
 * {@code liveBytesPerStep} is the bytes alive for {@code batch} samples at each step of the schedule:
 * index 0 is before the first node (the inputs), index i ≥ 1 is while the i-th node in schedule order
 * (the order of {@link Report#layers()}) runs; the maximum is {@code peakLiveBytes}. Empty when not computed.
 */
public record ActivationSummary(long batch,
                                long layerOutputElements,
                                long layerOutputBytes,
                                long peakLiveBytesPerSample,
                                long peakLiveBytes,
                                String peakAfterNode,
                                boolean complete,
                                long peakLiveFixedBytes,
                                long peakLivePerSampleBytes,
                                long peakLiveBytesBeyondInputs,
                                long[] liveBytesPerStep) {
    public ActivationSummary {
        liveBytesPerStep = liveBytesPerStep.clone();
    }

    /** Without the per-step curve. */
    public ActivationSummary(long batch, long layerOutputElements, long layerOutputBytes, long peakLiveBytesPerSample,
                             long peakLiveBytes, String peakAfterNode, boolean complete, long peakLiveFixedBytes,
                             long peakLivePerSampleBytes, long peakLiveBytesBeyondInputs) {
        this(batch, layerOutputElements, layerOutputBytes, peakLiveBytesPerSample, peakLiveBytes, peakAfterNode, complete,
                peakLiveFixedBytes, peakLivePerSampleBytes, peakLiveBytesBeyondInputs, new long[0]);
    }

    /** With the per-step curve but without the split: the peak counts as scaling with the batch. */
    public ActivationSummary(long batch, long layerOutputElements, long layerOutputBytes, long peakLiveBytesPerSample,
                             long peakLiveBytes, String peakAfterNode, boolean complete, long[] liveBytesPerStep) {
        this(batch, layerOutputElements, layerOutputBytes, peakLiveBytesPerSample, peakLiveBytes, peakAfterNode, complete,
                0, peakLiveBytesPerSample, peakLiveBytes, liveBytesPerStep);
    }

    /** A copy: the record stays immutable. */
    @Override
    public long[] liveBytesPerStep() { return liveBytesPerStep.clone(); }

    /** Without the split: the peak counts as scaling with the batch. */
    public ActivationSummary(long batch, long layerOutputElements, long layerOutputBytes, long peakLiveBytesPerSample,
                             long peakLiveBytes, String peakAfterNode, boolean complete) {
        this(batch, layerOutputElements, layerOutputBytes, peakLiveBytesPerSample, peakLiveBytes, peakAfterNode, complete,
                0, peakLiveBytesPerSample, peakLiveBytes);
    }
}
