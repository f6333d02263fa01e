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
 * @param batchGiven    true when {@code batch} was asked for (--batch); false when it is the default, which a batch
 *                      the file fixes replaces (see {@link dev.modelcost.core.ir.ValueInfo#fileBatch()})
 */
public record Assumptions(long batch, Map<String, Long> dimValues, DType activationDType, TrainingAssumptions training,
                          boolean batchGiven) {
    /** Batch 1 unless the file fixes another, stored dtypes, inference. */
    public static final Assumptions DEFAULT = new Assumptions(1, Map.of(), null, null, false);

    /** Inference only, with the batch given. */
    public Assumptions(long batch, Map<String, Long> dimValues, DType activationDType) {
        this(batch, dimValues, activationDType, null);
    }

    /** With the batch given. */
    public Assumptions(long batch, Map<String, Long> dimValues, DType activationDType, TrainingAssumptions training) {
        this(batch, dimValues, activationDType, training, true);
    }

    public Assumptions {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        dimValues = Map.copyOf(dimValues);
    }

    public Assumptions withBatch(long n) { return new Assumptions(n, dimValues, activationDType, training, true); }

    public Assumptions withTraining(TrainingAssumptions t) {
        return new Assumptions(batch, dimValues, activationDType, t, batchGiven);
    }

    /** The same what-ifs with the batch left to the file (batch 1 where it fixes none). */
    public Assumptions withBatchAsStored() { return new Assumptions(1, dimValues, activationDType, training, false); }
}
