package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.BatchScaledBytes;
import dev.modelcost.core.report.TrainingSlot;
import dev.modelcost.core.report.TrainingSummary;

import java.util.List;
import java.util.Map;

/**
 * Memory of one training step, simulated over a timeline of 2S + 2 slots for a schedule of S nodes:
 * slot 0 holds the inputs, slot k + 1 the forward pass of node k, slot 2S − k its backward pass, slot 2S + 1
 * the optimizer update. Forward buffers live until their last forward reader or, when a node keeps them for
 * its backward pass ({@link dev.modelcost.core.ops.OpRule#savedForBackward}), until the earliest such node's backward pass. The
 * gradient of an activation lives from the backward pass of its last consumer to that of its producer; a
 * parameter's gradient from the backward pass of its last consumer to the end. Graph inputs are held by the
 * caller for the whole step. Parameters (and master weights) are resident; optimizer state too, except in the
 * first step, where it appears at the update.
 */
public final class TrainingMemory {
    private TrainingMemory() {}

    public static TrainingSummary run(
            Graph g, InferredTypes types, OpRegistry registry, Map<String, Tensor> tensors, Assumptions a) {
        return run(g, types, registry, tensors, a, 0);
    }

    /**
     * The same step with {@code updateTemporariesBytes} more alive during the optimizer update: the buffers an
     * optimizer's implementation allocates while it updates (a runtime profile's term; 0 for the ideal step).
     */
    public static TrainingSummary run(
            Graph g,
            InferredTypes types,
            OpRegistry registry,
            Map<String, Tensor> tensors,
            Assumptions a,
            long updateTemporariesBytes) {
        ParameterState params = ParameterState.of(tensors.values(), a);
        StepContext ctx = new StepContext(g, types, registry, a);
        ForwardPass forward =
                ForwardSimulation.run(ctx, params.gradientBytesByTensor().keySet());
        BackwardGradients.Result activationGradients = BackwardGradients.ofActivations(ctx, forward);
        Timeline timeline = new Timeline(2 * forward.order().size() + 2);
        forward.buffers().forEach(timeline::add);
        activationGradients.spans().forEach(timeline::add);
        BackwardGradients.ofParameters(forward, params.gradientBytesByTensor()).forEach(timeline::add);
        timeline.add(forward.updateSlot(), forward.updateSlot(), BatchScaledBytes.fixed(updateTemporariesBytes));

        long resident = Math.addExact(params.parametersBytes(), params.masterWeightsBytes());
        int update = forward.updateSlot();
        List<BatchScaledBytes> live = timeline.live();
        long batch = a.batch();
        int peakSlot = Timeline.argmax(live, batch, 0, update);
        BatchScaledBytes peak = live.get(peakSlot).plusFixed(resident).plusFixed(params.optimizerStateBytes());
        // First step: no optimizer state before the update, so compare the step without it to the update with it.
        int before = Timeline.argmax(live, batch, 0, update - 1);
        long firstStep = Math.max(
                live.get(before).atBatch(batch),
                Math.addExact(live.get(update).atBatch(batch), params.optimizerStateBytes()));
        firstStep = Math.addExact(firstStep, resident);
        TrainingAssumptions t = a.training();
        return new TrainingSummary(
                t.optimizer().cliName(),
                t.optimizer().slots(),
                t.mixedPrecision() == null ? "off" : t.mixedPrecision().shortName(),
                batch,
                params.trainableElements(),
                params.parametersBytes(),
                params.masterWeightsBytes(),
                params.gradientsBytes(),
                params.optimizerStateBytes(),
                forward.savedActivations(),
                peak,
                slot(forward, peakSlot),
                firstStep,
                params.complete() && forward.complete() && activationGradients.complete(),
                null);
    }

    private static TrainingSlot slot(ForwardPass f, int slot) {
        int s = f.order().size();
        if (slot == 0) {
            return new TrainingSlot(TrainingSlot.Phase.INPUTS, null);
        }
        if (slot <= s) {
            return new TrainingSlot(
                    TrainingSlot.Phase.FORWARD, f.order().get(slot - 1).label());
        }
        if (slot <= 2 * s) {
            return new TrainingSlot(
                    TrainingSlot.Phase.BACKWARD, f.order().get(2 * s - slot).label());
        }
        return new TrainingSlot(TrainingSlot.Phase.OPTIMIZER_UPDATE, null);
    }
}
