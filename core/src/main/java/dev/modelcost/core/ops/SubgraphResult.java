package dev.modelcost.core.ops;

import dev.modelcost.core.ir.ConstantValues;
import dev.modelcost.core.ir.TensorType;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What inference found for one run of a subgraph (If branch, Loop or Scan body): the types of its outputs,
 * their values where small and known, sequence outputs, and the multiply-accumulates of one run
 * (empty when some node's are unknown).
 */
public record SubgraphResult(
        List<TensorType> outputs,
        List<Optional<ConstantValues>> outputValues,
        List<Optional<SequenceValue>> outputSequences,
        OptionalLong macs) {
    public SubgraphResult {
        outputs = List.copyOf(outputs);
        outputValues = List.copyOf(outputValues);
        outputSequences = List.copyOf(outputSequences);
    }
}
