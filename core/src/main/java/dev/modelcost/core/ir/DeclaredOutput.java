package dev.modelcost.core.ir;

import java.util.List;

/**
 * A node's first output as its format's own library declares it per sample (DL4J computes each layer's output
 * type from its configuration). The format's rule re-bases it on the batch and sequence length the input carries.
 */
public record DeclaredOutput(DType dtype, List<Axis> axes) {
    public DeclaredOutput {
        axes = List.copyOf(axes);
    }

    /** One declared axis: a fixed size, or where the size comes from at analysis time. */
    public sealed interface Axis {
        /** A size the configuration fixes. */
        record Fixed(long size) implements Axis {}

        /** The batch of the node's first input. */
        record InputBatch() implements Axis {}

        /** The sequence length of the node's first input (changed by the node's time window, if any). */
        record InputTime() implements Axis {}

        /** Neither fixed nor following the input: unknown. */
        record Unknown() implements Axis {}
    }
}
