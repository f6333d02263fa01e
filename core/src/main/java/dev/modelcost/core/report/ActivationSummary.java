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
                                long peakLiveBytesBeyondInputs) {

    /** Without the split: the peak counts as scaling with the batch. */
    public ActivationSummary(long batch, long layerOutputElements, long layerOutputBytes, long peakLiveBytesPerSample,
                             long peakLiveBytes, String peakAfterNode, boolean complete) {
        this(batch, layerOutputElements, layerOutputBytes, peakLiveBytesPerSample, peakLiveBytes, peakAfterNode, complete,
                0, peakLiveBytesPerSample, peakLiveBytes);
    }
}
