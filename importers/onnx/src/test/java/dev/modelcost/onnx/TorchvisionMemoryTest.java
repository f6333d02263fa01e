package dev.modelcost.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.Optimizer;
import dev.modelcost.core.analysis.TrainingAssumptions;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.report.TrainingSummary;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Estimated memory beside PyTorch's measured allocations (truth field {@code measured_memory_profiler}: the CPU
 * allocator inside the measured region, so neither the weights nor the input, which exist before it, are in
 * the figures; training is the first step of a fresh optimizer at batch 2). The estimate is compared on the
 * same footing: inference peak beyond the inputs; training first-step peak minus parameters and inputs.
 * docs/memory.md explains each band and what the runtime does that the estimate does not model.
 */
class TorchvisionMemoryTest {

    /** Allowed estimate / measured ratios [low, high]. */
    record Range(double low, double high) {}

    private record Band(Range inference, Range training) {}

    /**
     * The targets are ±35% (inference) and ±25% (training). Two runtime behaviours that a graph of the exported
     * file cannot show widen the low side only, each explained in docs/memory.md ("Estimates beside measurements"):
     * PyTorch's CPU convolution holds its output twice for a moment (squeezenet's measured peak is exactly 2 ×
     * conv1's output), and the exporter folded BatchNorm into the convolutions, while the measured eager model
     * runs BatchNorm as its own op with its own output, which training also keeps for backward.
     */
    private static final Map<String, Band> BANDS = Map.of(
            "squeezenet1_1", new Band(new Range(0.60, 1.35), new Range(0.75, 1.25)),
            "resnet18", new Band(new Range(0.35, 1.35), new Range(0.75, 1.25)),
            "mobilenet_v2", new Band(new Range(0.45, 1.35), new Range(0.35, 1.25)));

    private static final String[] MODELS = {"squeezenet1_1", "resnet18", "mobilenet_v2"};

    @Test
    void estimatesStayWithinTheDocumentedBandsOfTheMeasuredPeaks() throws Exception {
        Path dir = Corpus.root().resolve("onnx/torchvision");
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder(
                String.format("%-14s %-26s %14s %14s %8s%n", "model", "case", "measured B", "estimate B", "ratio"));
        int rows = 0;
        for (String name : MODELS) {
            JsonNode measured = Corpus.truth(dir.resolve(name + ".truth.json")).get("measured_memory_profiler");
            Path file = dir.resolve((name.equals("resnet18") ? "resnet18_external" : name) + ".onnx");
            Band band = BANDS.get(name);
            for (int batch : new int[] {1, 8}) {
                Report r = ModelCost.standard().inspect(file, new Assumptions(batch, Map.of(), null));
                long est = r.activations().peakLiveBytesBeyondInputs();
                rows += check(table, failures, name, "inference_nograd_batch" + batch, measured, est, band.inference());
            }
            for (Optimizer o : new Optimizer[] {Optimizer.MOMENTUM, Optimizer.ADAM}) {
                Assumptions a = new Assumptions(2, Map.of(), null, TrainingAssumptions.of(o));
                Report r = ModelCost.standard().inspect(file, a);
                TrainingSummary t = r.training();
                long est = t.firstStepPeakBytes() - t.parametersBytes() - t.masterWeightsBytes() - inputBytes(r, 2);
                String key = o == Optimizer.ADAM ? "train_step_adam_batch2" : "train_step_sgd_momentum_batch2";
                rows += check(table, failures, name, key, measured, est, band.training());
            }
        }
        System.out.print(table);
        assertEquals(12, rows, "measurements discovered");
        assertEquals(List.of(), failures);
    }

    static int check(
            StringBuilder table,
            List<String> failures,
            String model,
            String key,
            JsonNode measured,
            long estimate,
            Range band) {
        long m = measured.get(key).get("peak_bytes").asLong();
        double ratio = (double) estimate / m;
        table.append(String.format("%-14s %-26s %,14d %,14d %8.3f%n", model, key, m, estimate, ratio));
        if (ratio < band.low() || ratio > band.high()) {
            failures.add(model + " " + key + ": estimate " + estimate + " vs measured " + m + " (ratio " + ratio
                    + ", allowed " + band + ")");
        }
        return 1;
    }

    /** The graph inputs' bytes for {@code batch} samples. */
    static long inputBytes(Report r, long batch) {
        long total = 0;
        for (ValueInfo v : r.inputs()) {
            total += v.type()
                    .dtype()
                    .bytesFor(v.type().shape().elementCount().getAsLong())
                    .getAsLong();
        }
        return total / r.shapeSamples() * batch; // the shapes hold r.shapeSamples() samples
    }
}
