package dev.modelcost.core.report;

/**
 * Activation memory. {@code layerOutputElements}/{@code layerOutputBytes} are per sample: the model input
 * plus every output a layer allocates (in-place activations and views allocate nothing).
 * {@code peakLive} is the most bytes alive at once for {@code batch} samples, split at the peak step into the
 * fixed part (values computed from shapes alone) and the part that scales with the batch;
 * {@link #peakLiveBytes()} is its value for {@code batch}, whereas {@code peakLiveBytesPerSample} is the peak at
 * batch 1. {@code peakStep} is where the peak occurs, an index into {@code liveBytesPerStep}, and
 * {@code peakAfterNode} that step's node label ("(inputs)" for step 0). {@code peakLiveBytesBeyondInputs} leaves
 * out the graph inputs, which the caller already holds (what an allocator profiler sees once the input exists).
 * {@code liveBytesPerStep} is the bytes alive for {@code batch} samples at each step of the schedule:
 * index 0 is before the first node (the inputs), index i ≥ 1 is while the i-th node in schedule order
 * (the order of {@link Report#layers()}) runs; the maximum is {@code peakLiveBytes}. Empty when not computed.
 * {@code complete} is false when some shapes or dtypes are unknown (the figures are then lower bounds).
 * {@code runtime} is null for the ideal liveness figures; under a runtime profile it holds that runtime's prediction,
 * and {@code peakLiveBytesBeyondInputs} is then the runtime's peak, its ideal value {@code runtime.idealBytes()}.
 */
public record ActivationSummary(
        long batch,
        long layerOutputElements,
        long layerOutputBytes,
        long peakLiveBytesPerSample,
        BatchScaledBytes peakLive,
        int peakStep,
        String peakAfterNode,
        boolean complete,
        long peakLiveBytesBeyondInputs,
        long[] liveBytesPerStep,
        RuntimeEstimate runtime) {
    public ActivationSummary {
        peakLive.atBatch(batch); // fits in 64 bits, or the summary is not made
        liveBytesPerStep = liveBytesPerStep.clone();
    }

    /** The peak for {@code batch} samples. */
    public long peakLiveBytes() {
        return peakLive.atBatch(batch);
    }

    /** The same figures marked as lower bounds: something the activations depend on is not known. */
    public ActivationSummary asLowerBound() {
        return new ActivationSummary(
                batch,
                layerOutputElements,
                layerOutputBytes,
                peakLiveBytesPerSample,
                peakLive,
                peakStep,
                peakAfterNode,
                false,
                peakLiveBytesBeyondInputs,
                liveBytesPerStep,
                runtime);
    }

    /** These figures with a runtime's prediction: the peak beyond the inputs becomes the runtime's. */
    public ActivationSummary withRuntime(RuntimeEstimate estimate) {
        return new ActivationSummary(
                batch,
                layerOutputElements,
                layerOutputBytes,
                peakLiveBytesPerSample,
                peakLive,
                peakStep,
                peakAfterNode,
                complete,
                estimate.bytes(),
                liveBytesPerStep,
                estimate);
    }

    /** A copy: the record stays immutable. */
    @Override
    public long[] liveBytesPerStep() {
        return liveBytesPerStep.clone();
    }
}
