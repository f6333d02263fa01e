package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;

import java.util.Objects;

/**
 * How one training step is assumed to run.
 *
 * @param optimizer      decides the optimizer-state slots per trainable parameter
 * @param mixedPrecision the half type (fp16 or bf16) of parameters, gradients and activations with fp32 master
 *                       weights and fp32 optimizer state; null for training in the stored (or --dtype) types
 */
public record TrainingAssumptions(Optimizer optimizer, DType mixedPrecision) {
    public TrainingAssumptions {
        Objects.requireNonNull(optimizer, "optimizer");
        if (mixedPrecision != null && mixedPrecision != DType.FLOAT16 && mixedPrecision != DType.BFLOAT16) {
            throw new IllegalArgumentException("mixed precision is fp16 or bf16, not " + mixedPrecision.shortName());
        }
    }

    public static TrainingAssumptions of(Optimizer optimizer) {
        return new TrainingAssumptions(optimizer, null);
    }
}
