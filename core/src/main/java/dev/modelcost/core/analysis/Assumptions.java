package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;

import java.util.Map;

/**
 * The "what if" values a report is computed under; every report prints them first.
 *
 * @param batch         samples per step; activations scale with it, parameters do not
 * @param dimValues     values for symbolic dimensions by name (--dim NAME=VALUE)
 * @param activationDType what-if element type for activations and parameters, or null for the stored types
 * @param training      how a training step runs, or null to report inference only
 * @param contextTokens tokens of context for a transformer's KV cache, or 0 for the model's declared context length
 * @param batchGiven    true when {@code batch} was asked for (--batch); false when it is the default, which a batch
 *                      the file fixes replaces (see {@link dev.modelcost.core.ir.ValueInfo#fileBatch()})
 * @param runtime       the runtime whose memory the activation peak predicts (--runtime); {@link RuntimeProfile#IDEAL}
 *                      is the graph's liveness peak
 */
public record Assumptions(
        long batch,
        Map<String, Long> dimValues,
        DType activationDType,
        TrainingAssumptions training,
        long contextTokens,
        boolean batchGiven,
        RuntimeProfile runtime) {
    /** Batch 1 unless the file fixes another, stored dtypes, inference, the ideal liveness peak. */
    public static final Assumptions DEFAULT = new Assumptions(1, Map.of(), null, null, 0, false, RuntimeProfile.IDEAL);

    /** Inference only, with the batch given. */
    public Assumptions(long batch, Map<String, Long> dimValues, DType activationDType) {
        this(batch, dimValues, activationDType, null);
    }

    /** At the model's declared context length, with the batch given. */
    public Assumptions(long batch, Map<String, Long> dimValues, DType activationDType, TrainingAssumptions training) {
        this(batch, dimValues, activationDType, training, 0, true);
    }

    /** With the batch given. */
    public Assumptions(
            long batch,
            Map<String, Long> dimValues,
            DType activationDType,
            TrainingAssumptions training,
            long contextTokens) {
        this(batch, dimValues, activationDType, training, contextTokens, true);
    }

    /** The ideal liveness peak. */
    public Assumptions(
            long batch,
            Map<String, Long> dimValues,
            DType activationDType,
            TrainingAssumptions training,
            long contextTokens,
            boolean batchGiven) {
        this(batch, dimValues, activationDType, training, contextTokens, batchGiven, RuntimeProfile.IDEAL);
    }

    /** At the model's declared context length; {@code batchGiven} false leaves the batch to the file. */
    public Assumptions(
            long batch,
            Map<String, Long> dimValues,
            DType activationDType,
            TrainingAssumptions training,
            boolean batchGiven) {
        this(batch, dimValues, activationDType, training, 0, batchGiven);
    }

    public Assumptions {
        if (contextTokens < 0) {
            throw new IllegalArgumentException("context must be at least 0 tokens, got " + contextTokens);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        dimValues = Map.copyOf(dimValues);
        runtime = runtime == null ? RuntimeProfile.IDEAL : runtime;
    }

    public Assumptions withBatch(long n) {
        return new Assumptions(n, dimValues, activationDType, training, contextTokens, true, runtime);
    }

    public Assumptions withTraining(TrainingAssumptions t) {
        return new Assumptions(batch, dimValues, activationDType, t, contextTokens, batchGiven, runtime);
    }

    public Assumptions withContextTokens(long tokens) {
        return new Assumptions(batch, dimValues, activationDType, training, tokens, batchGiven, runtime);
    }

    public Assumptions withRuntime(RuntimeProfile r) {
        return new Assumptions(batch, dimValues, activationDType, training, contextTokens, batchGiven, r);
    }

    /** The same what-ifs with the batch left to the file (batch 1 where it fixes none). */
    public Assumptions withBatchAsStored() {
        return new Assumptions(1, dimValues, activationDType, training, contextTokens, false, runtime);
    }

    /** The same what-ifs for {@code n} samples, the batch given or not as before (the analyses' own unit). */
    Assumptions withSamples(long n) {
        return new Assumptions(n, dimValues, activationDType, training, contextTokens, batchGiven, runtime);
    }
}
