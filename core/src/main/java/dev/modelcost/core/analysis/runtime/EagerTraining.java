package dev.modelcost.core.analysis.runtime;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.analysis.Optimizer;
import dev.modelcost.core.analysis.ShapeInference;
import dev.modelcost.core.analysis.TrainingMemory;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Tensor;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.RuntimeEstimate;
import dev.modelcost.core.report.RuntimeTerm;
import dev.modelcost.core.report.TrainingSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One PyTorch eager training step on the CPU: the ideal step's simulation ({@link TrainingMemory}) run on the eager
 * model rather than the exported graph, with what autograd and the optimizer really keep. The terms: SiLU is one
 * in-place op that keeps a copy of its input; the BatchNorm
 * the exporter folded runs again after its convolution and keeps its input (the convolution's output) for backward,
 * its output feeding the activation; ReLU6 keeps a copy of its input; Adam's update allocates two parameter-sized
 * temporaries (docs/memory.md, "Runtime profiles").
 */
final class EagerTraining {
    private EagerTraining() {}

    static TrainingSummary estimate(
            Graph g,
            InferredTypes types,
            OpRegistry registry,
            Map<String, Tensor> tensors,
            Assumptions shapes,
            Assumptions a,
            TrainingSummary ideal) {
        List<RuntimeTerm> terms = new ArrayList<>();
        Graph silu = EagerGraphs.fuseSilu(g);
        InferredTypes siluTypes = silu == g ? types : ShapeInference.run(silu, shapes, registry);
        TrainingSummary fused = silu == g ? ideal : TrainingMemory.run(silu, siluTypes, registry, tensors, a);
        add(terms, "siluInPlace", fused.firstStepPeakBytes() - ideal.firstStepPeakBytes());
        Map<String, Tensor> eagerTensors = new LinkedHashMap<>(tensors);
        Graph eager = EagerGraphs.unfoldBatchNorms(silu, siluTypes, eagerTensors);
        InferredTypes eagerTypes = eager == silu ? siluTypes : ShapeInference.run(eager, shapes, registry);
        TrainingSummary unfused = TrainingMemory.run(eager, eagerTypes, registry, eagerTensors, a);
        add(terms, "batchNormUnfused", unfused.firstStepPeakBytes() - fused.firstStepPeakBytes());
        OpRegistry autograd = AutogradRules.of(registry);
        TrainingSummary saves = TrainingMemory.run(eager, eagerTypes, autograd, eagerTensors, a);
        add(terms, "autogradInputCopies", saves.firstStepPeakBytes() - unfused.firstStepPeakBytes());
        TrainingSummary step =
                TrainingMemory.run(eager, eagerTypes, autograd, eagerTensors, a, optimizerTemporaries(eagerTensors, a));
        add(terms, "optimizerTemporaries", step.firstStepPeakBytes() - saves.firstStepPeakBytes());
        RuntimeEstimate e =
                new RuntimeEstimate("pytorch", ideal.firstStepPeakBytes(), step.firstStepPeakBytes(), "", terms);
        return new TrainingSummary(
                step.optimizer(),
                step.optimizerSlots(),
                step.mixedPrecision(),
                step.batch(),
                step.trainableParameters(),
                step.parametersBytes(),
                step.masterWeightsBytes(),
                step.gradientsBytes(),
                step.optimizerStateBytes(),
                step.savedActivations(),
                step.peak(),
                step.peakAt(),
                step.firstStepPeakBytes(),
                step.complete(),
                e);
    }

    private static void add(List<RuntimeTerm> terms, String key, long bytes) {
        if (bytes != 0) {
            terms.add(new RuntimeTerm(key, bytes));
        }
    }

    /**
     * torch.optim's Adam and AdamW (the single-tensor implementation, PyTorch's default on the CPU) compute
     * {@code exp_avg_sq.sqrt() / bias_correction2_sqrt} one parameter at a time: two tensors the size of the
     * parameter are alive at once, so the update peaks at twice the largest trainable parameter. The other
     * optimizers' temporaries are not modelled.
     */
    static long optimizerTemporaries(Map<String, Tensor> tensors, Assumptions a) {
        Optimizer o = a.training().optimizer();
        if (o != Optimizer.ADAM && o != Optimizer.ADAMW) {
            return 0;
        }
        long largest = 0;
        for (Tensor t : tensors.values()) {
            if (t.declaredRole().isParameter()
                    && Boolean.TRUE.equals(t.declaredTrainable())
                    && t.dtype().isFloating()
                    && t.elementCount().isPresent()) {
                DType state = a.training().mixedPrecision() != null
                        ? DType.FLOAT32
                        : a.activationDType() != null ? a.activationDType() : t.dtype();
                largest = Math.max(
                        largest, state.bytesFor(t.elementCount().getAsLong()).getAsLong());
            }
        }
        return 2 * largest;
    }
}
