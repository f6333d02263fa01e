package dev.modelcost.core.report;

/**
 * Memory of one training step (forward, backward, optimizer update) for {@code batch} samples; docs/memory.md
 * defines every figure. Parameter-sized figures are fixed; activations scale with the batch:
 * {@code peakBytes = peak.fixedBytes + batch × peak.perSampleBytes} and likewise for the saved activations.
 *
 * @param optimizer              CLI name of the optimizer ("adam")
 * @param optimizerSlots         parameter-sized state tensors per trainable parameter
 * @param mixedPrecision         "fp16" or "bf16" with fp32 master weights, or "off"
 * @param trainableParameters    elements that receive a gradient (floating point, trainable)
 * @param parametersBytes        every parameter in its working type (the half type under mixed precision)
 * @param masterWeightsBytes     fp32 copies of the trainable parameters under mixed precision, else 0
 * @param gradientsBytes         one gradient per trainable parameter, in its working type
 * @param optimizerStateBytes    slots × trainable parameters (fp32 under mixed precision)
 * @param savedActivations       activations kept from the forward pass for the backward pass, at the end of the forward pass
 * @param peak                   the most bytes alive at once in a step, with optimizer state held from earlier steps
 * @param peakAt                 the phase and node where it occurs (the backward pass of conv1)
 * @param firstStepPeakBytes     the same for the very first step, whose optimizer state appears only at the update
 * @param complete               false when unknown shapes or dtypes make the figures lower bounds
 * @param runtime                null for the ideal step; under a runtime profile, how its first-step peak
 *                               ({@code firstStepPeakBytes}, then the runtime's) differs from the ideal one
 */
public record TrainingSummary(
        String optimizer,
        int optimizerSlots,
        String mixedPrecision,
        long batch,
        long trainableParameters,
        long parametersBytes,
        long masterWeightsBytes,
        long gradientsBytes,
        long optimizerStateBytes,
        BatchScaledBytes savedActivations,
        BatchScaledBytes peak,
        TrainingSlot peakAt,
        long firstStepPeakBytes,
        boolean complete,
        RuntimeEstimate runtime) {

    public TrainingSummary {
        savedActivations.atBatch(batch); // the totals below fit in 64 bits, or the summary is not made
        peak.atBatch(batch);
    }

    /** The saved activations for {@code batch} samples. */
    public long savedActivationsBytes() {
        return savedActivations.atBatch(batch);
    }

    /** The peak for {@code batch} samples. */
    public long peakBytes() {
        return peak.atBatch(batch);
    }

    /** Parameters, master weights, gradients and optimizer state: what does not scale with the batch. */
    public long parameterStateBytes() {
        return parametersBytes + masterWeightsBytes + gradientsBytes + optimizerStateBytes;
    }
}
