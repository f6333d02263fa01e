package dev.modelcost.core.ops;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.TensorType;

/** A {@link NodeContext} that takes the rule's answers. */
public interface InferenceContext extends NodeContext {
    void setOutput(int i, TensorType type);

    /** Records the values of a small computed output (shape arithmetic), for later Reshape/Slice/Expand. */
    void setOutputValues(int i, ConstantValues values);

    /** Says why something could not be inferred; it becomes a diagnostic naming the node. */
    void diagnose(String message);

    /** Records that output {@code i} is a sequence. */
    default void setOutputSequence(int i, SequenceValue sequence) { }
}
