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
 */
public record Assumptions(long batch, Map<String, Long> dimValues, DType activationDType, TrainingAssumptions training,
                          long contextTokens) {
    public static final Assumptions DEFAULT = new Assumptions(1, Map.of(), null);

    /** Inference only. */
    public Assumptions(long batch, Map<String, Long> dimValues, DType activationDType) {
        this(batch, dimValues, activationDType, null);
    }

    /** At the model's declared context length. */
    public Assumptions(long batch, Map<String, Long> dimValues, DType activationDType, TrainingAssumptions training) {
        this(batch, dimValues, activationDType, training, 0);
    }

    public Assumptions {
        if (contextTokens < 0) {
            throw new IllegalArgumentException("context must be at least 0 tokens, got " + contextTokens);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        dimValues = Map.copyOf(dimValues);
    }

    public Assumptions withBatch(long n) { return new Assumptions(n, dimValues, activationDType, training, contextTokens); }

    public Assumptions withTraining(TrainingAssumptions t) {
        return new Assumptions(batch, dimValues, activationDType, t, contextTokens);
    }

    public Assumptions withContextTokens(long tokens) {
        return new Assumptions(batch, dimValues, activationDType, training, tokens);
    }
}
