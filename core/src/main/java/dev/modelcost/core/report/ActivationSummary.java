package dev.modelcost.core.report;

/**
 * Activation memory. {@code layerOutputElements}/{@code layerOutputBytes} are per sample: the model input
 * plus every output a layer allocates (in-place activations and views allocate nothing).
 * {@code peakLiveBytes} is the most bytes alive at once for {@code batch} samples:
 * {@code peakFixedBytes + batch × peakPerSampleBytes} at the peak step.
 * {@code complete} is false when some shapes or dtypes are unknown (the figures are then lower bounds).
 */
public record ActivationSummary(long batch,
                                long layerOutputElements,
                                long layerOutputBytes,
                                long peakLiveBytesPerSample,
                                long peakLiveBytes,
                                String peakAfterNode,
                                boolean complete) {
}
