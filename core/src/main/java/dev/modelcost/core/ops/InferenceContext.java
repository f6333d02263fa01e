package dev.modelcost.core.ops;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.TensorType;

import java.util.List;

/** A {@link NodeContext} that takes the rule's answers. */
public interface InferenceContext extends NodeContext {
    void setOutput(int i, TensorType type);

    /** Records the values of a small computed output (shape arithmetic), for later Reshape/Slice/Expand. */
    void setOutputValues(int i, ConstantValues values);

    /** Says why something could not be inferred; it becomes a diagnostic naming the node. */
    void diagnose(String message);

    /**
     * Records the values of a small integer output as dimensions (see {@link NodeContext#inputDims}): plain
     * values when every entry is a constant, else symbolic values for later Reshape/Expand/ConstantOfShape.
     */
    default void setOutputDims(int i, List<dev.modelcost.core.ir.Dim> dims) {
        long[] v = new long[dims.size()];
        for (int k = 0; k < v.length; k++) {
            var c = dev.modelcost.core.ir.DimArithmetic.constant(dims.get(k));
            if (c.isEmpty()) {
                return;
            }
            v[k] = c.getAsLong();
        }
        setOutputValues(i, ConstantValues.ofLongs(v));
    }

    /**
     * A size only the data tells (a decoded image's height): the symbol {@code name}, or the size --dim gives it.
     * The name should say which node makes it, so that it is unique in the model.
     */
    default dev.modelcost.core.ir.Dim dataSymbol(String name) {
        return dev.modelcost.core.ir.Dim.symbol(name);
    }

    /** Records that output {@code i} is a sequence. */
    default void setOutputSequence(int i, SequenceValue sequence) {}
}
