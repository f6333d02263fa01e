package dev.modelcost.core.report;

/**
 * A moment of a training step: before the first node (the inputs), the forward or backward pass of one node, or
 * the optimizer update. {@code node} is the node's label, null for the inputs and the update.
 */
public record TrainingSlot(Phase phase, String node) {
    public enum Phase {
        INPUTS,
        FORWARD,
        BACKWARD,
        OPTIMIZER_UPDATE
    }

    public TrainingSlot {
        if ((phase == Phase.FORWARD || phase == Phase.BACKWARD) != (node != null)) {
            throw new IllegalArgumentException(
                    "a forward or backward slot names its node, no other does: " + phase + " " + node);
        }
    }
}
