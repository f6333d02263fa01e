package dev.modelcost.core.ops;

/** How an operator's first output uses memory, for the activation analyses. */
public enum Allocation {
    /** Writes a new buffer. */
    NEW,
    /** An elementwise activation: reuses its input's buffer when that input is another layer's output used by nothing else. */
    IN_PLACE,
    /** Reinterprets its first input's buffer (Reshape, Flatten, Identity, inference Dropout). */
    VIEW
}
