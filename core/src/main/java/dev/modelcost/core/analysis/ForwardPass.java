package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Node;
import dev.modelcost.core.report.BatchScaledBytes;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the forward half of a training step leaves for the backward half ({@link ForwardSimulation} makes it).
 * Slots follow {@link TrainingMemory}: k + 1 is the forward pass of node k, 2S − k its backward pass.
 *
 * @param order            the schedule
 * @param consumers        per value, the steps that read it
 * @param differentiates   per step, whether the node runs a backward pass (an input is learned or needs a gradient)
 * @param requiresGrad     values that need a gradient
 * @param fromData         values computed from the graph inputs: they scale with the batch
 * @param buffers          every forward buffer and auxiliary saved tensor, over the slots it is alive
 * @param savedActivations what is kept from the forward pass for the backward pass
 * @param complete         false when unknown shapes or dtypes made some sizes lower bounds
 */
record ForwardPass(
        List<Node> order,
        Map<String, List<Integer>> consumers,
        List<Boolean> differentiates,
        Set<String> requiresGrad,
        Set<String> fromData,
        List<Timeline.Span> buffers,
        BatchScaledBytes savedActivations,
        boolean complete) {
    ForwardPass {
        order = List.copyOf(order);
        consumers = Map.copyOf(consumers);
        differentiates = List.copyOf(differentiates);
        requiresGrad = Set.copyOf(requiresGrad);
        fromData = Set.copyOf(fromData);
        buffers = List.copyOf(buffers);
    }

    int backwardSlot(int step) {
        return 2 * order.size() - step;
    }

    /** The optimizer update, the last slot. */
    int updateSlot() {
        return 2 * order.size() + 1;
    }

    boolean differentiates(int step) {
        return differentiates.get(step);
    }
}
