package dev.modelcost.core.ops;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a rule can see of one node: its attributes, its inputs' types and small constant values. */
public interface NodeContext {
    Node node();

    /** The opset version of the node's domain in this model. */
    int opset();

    int inputCount();

    /** Type of input {@code i}; {@link TensorType#UNKNOWN} when absent or unknown. */
    TensorType input(int i);

    /** Values of input {@code i} when they are small and known (stored, or computed from shapes). */
    Optional<ConstantValues> inputValues(int i);

    /** Whether input {@code i} is a stored tensor (an initializer or Constant), not an activation. */
    boolean inputIsStored(int i);

    /** Type of output {@code i} after inference; {@link TensorType#UNKNOWN} before. */
    TensorType output(int i);

    default boolean hasInput(int i) {
        return node().hasInput(i);
    }

    /** Type of any value visible from this node, by name (Gradient names its inputs in attributes). */
    default TensorType typeOf(String valueName) {
        return TensorType.UNKNOWN;
    }

    /**
     * The values of a 1-D or scalar integer input as dimensions: its known values, or the symbolic dims a
     * shape computation carried (Shape of an input with dims batch, seq, ...). Empty when unknown.
     */
    default Optional<List<dev.modelcost.core.ir.Dim>> inputDims(int i) {
        return inputValues(i).filter(ConstantValues::isInteger).map(v -> {
            List<dev.modelcost.core.ir.Dim> out = new ArrayList<>();
            for (long x : v.longs()) {
                out.add(dev.modelcost.core.ir.DimArithmetic.ofValue(x));
            }
            return out;
        });
    }

    /** Input {@code i} when it is a sequence value. */
    default Optional<SequenceValue> inputSequence(int i) {
        return Optional.empty();
    }

    /**
     * Runs inference on a subgraph of this node with the given input types, values and sequences (lists
     * as long as the subgraph's inputs; absent entries unknown), seeing the enclosing scope's values.
     */
    default SubgraphResult inferSubgraph(
            Graph body,
            List<TensorType> inputs,
            List<Optional<ConstantValues>> values,
            List<Optional<SequenceValue>> sequences) {
        throw new UnsupportedOperationException("subgraph inference is not available here");
    }
}
