package dev.modelcost.cli.format;

import dev.modelcost.core.report.TrainingSlot;

/** How the reports name a moment of a training step ("backward of conv1"). */
final class TrainingSlots {
    private TrainingSlots() {}

    static String describe(TrainingSlot s) {
        return switch (s.phase()) {
            case INPUTS -> "(inputs)";
            case FORWARD -> "forward of " + s.node();
            case BACKWARD -> "backward of " + s.node();
            case OPTIMIZER_UPDATE -> "optimizer update";
        };
    }
}
