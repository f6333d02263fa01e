package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.TrainingSummary;

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
    private TrainingMemory() { }

    public static TrainingSummary run(Graph g, InferredTypes types, OpRegistry registry, Map<String, Tensor> tensors,
                                      Assumptions a) {
        ParameterState params = ParameterState.of(tensors.values(), a);
        TrainingStep sim = new TrainingStep(g, types, registry, a, params.gradientBytesByTensor().keySet());
        sim.forward();
        BackwardGradients.ofActivations(sim);
        BackwardGradients.ofParameters(sim, params.gradientBytesByTensor());
        long resident = Math.addExact(params.parametersBytes(), params.masterWeightsBytes());
        int steps = sim.order.size();
        int update = 2 * steps + 1;
        long[][] live = sim.timeline.live();
        long batch = a.batch();
        int peakSlot = Timeline.argmax(live, batch, 0, update);
        long peakFixed = Math.addExact(Math.addExact(live[peakSlot][1], resident), params.optimizerStateBytes());
        long peakPerSample = live[peakSlot][0];
        long peak = Math.addExact(Math.multiplyExact(peakPerSample, batch), peakFixed);
        // First step: no optimizer state before the update, so compare the step without it to the update with it.
        int before = Timeline.argmax(live, batch, 0, update - 1);
        long firstStep = Math.max(Timeline.bytesAt(live[before], batch),
                Math.addExact(Timeline.bytesAt(live[update], batch), params.optimizerStateBytes()));
        firstStep = Math.addExact(firstStep, resident);
        TrainingAssumptions t = a.training();
        return new TrainingSummary(t.optimizer().cliName(), t.optimizer().slots(),
                t.mixedPrecision() == null ? "off" : t.mixedPrecision().shortName(), batch,
                params.trainableElements(), params.parametersBytes(), params.masterWeightsBytes(), params.gradientsBytes(),
                params.optimizerStateBytes(), Math.addExact(Math.multiplyExact(sim.savedPerSample, batch), sim.savedFixed),
                sim.savedFixed, sim.savedPerSample, peak, peakFixed, peakPerSample, sim.label(peakSlot), firstStep,
                params.complete() && sim.complete);
    }
}
