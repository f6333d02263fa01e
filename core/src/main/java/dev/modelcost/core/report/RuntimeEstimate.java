package dev.modelcost.core.report;

import java.util.List;

/**
 * A runtime's predicted peak beside the ideal one (docs/memory.md, "Runtime profiles"). The terms are applied in their
 * order, each on top of those before it, so {@code idealBytes + Σ terms = bytes} exactly.
 *
 * @param runtime    the runtime's CLI name ("pytorch", "onnxruntime")
 * @param idealBytes the ideal figure the terms start from (the liveness peak beyond the inputs, or the training step's
 *                   first-step peak)
 * @param bytes      the runtime's figure
 * @param peakAt     where the runtime's peak is reached (a node label, or a phase), or "" when not one node
 * @param terms      the mechanisms in the order they were applied
 */
public record RuntimeEstimate(String runtime, long idealBytes, long bytes, String peakAt, List<RuntimeTerm> terms) {
    public RuntimeEstimate {
        terms = List.copyOf(terms);
        long sum = idealBytes;
        for (RuntimeTerm t : terms) {
            sum = Math.addExact(sum, t.bytes());
        }
        if (sum != bytes) {
            throw new IllegalArgumentException(
                    "the terms of " + runtime + " add up to " + sum + " bytes, not " + bytes);
        }
    }
}
