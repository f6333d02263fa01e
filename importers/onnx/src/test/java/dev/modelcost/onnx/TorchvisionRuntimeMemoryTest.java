package dev.modelcost.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.Optimizer;
import dev.modelcost.core.analysis.RuntimeProfile;
import dev.modelcost.core.analysis.TrainingAssumptions;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.report.TrainingSummary;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The PyTorch runtime profile beside PyTorch's measured allocations (truth field {@code measured_memory_profiler},
 * the c10 CPU allocator's peak inside the measured region: weights and input excluded; training is the first step of
 * a fresh optimizer at batch 2), on the same footing as {@link TorchvisionMemoryTest}. The ideal figure misses these
 * by up to 2.6x (0.39 for mobilenet_v2's training step); the profile's terms (docs/memory.md, "Runtime profiles")
 * bring ten of the twelve cases within 1% of the measurement. squeezenet1_1's training step stays at 0.939: its peak is
 * inside the last convolution's backward pass, where oneDNN's temporary copies (gradient, weights and input in its
 * blocked layout, 2.8 MB) are alive, and the profile does not model convolution backward temporaries. The test allows
 * ±7%.
 */
class TorchvisionRuntimeMemoryTest {
    private static final TorchvisionMemoryTest.Range TOLERANCE = new TorchvisionMemoryTest.Range(0.93, 1.07);
    private static final String[] MODELS = {"squeezenet1_1", "resnet18", "mobilenet_v2"};

    @Test
    void thePyTorchProfileMatchesTheMeasuredPeaksWithinSevenPercent() throws Exception {
        Path dir = Corpus.root().resolve("onnx/torchvision");
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder(
                String.format("%-14s %-32s %14s %14s %8s%n", "model", "case", "measured B", "pytorch B", "ratio"));
        int rows = 0;
        for (String name : MODELS) {
            JsonNode measured = Corpus.truth(dir.resolve(name + ".truth.json")).get("measured_memory_profiler");
            Path file = dir.resolve((name.equals("resnet18") ? "resnet18_external" : name) + ".onnx");
            for (int batch : new int[] {1, 8}) {
                Assumptions a = new Assumptions(batch, Map.of(), null).withRuntime(RuntimeProfile.PYTORCH);
                Report r = ModelCost.standard().inspect(file, a);
                assertNotNull(r.activations().runtime(), "a runtime profile was asked for");
                long est = r.activations().peakLiveBytesBeyondInputs();
                rows += TorchvisionMemoryTest.check(
                        table, failures, name, "inference_nograd_batch" + batch, measured, est, TOLERANCE);
            }
            for (Optimizer o : new Optimizer[] {Optimizer.MOMENTUM, Optimizer.ADAM}) {
                Assumptions a = new Assumptions(2, Map.of(), null, TrainingAssumptions.of(o))
                        .withRuntime(RuntimeProfile.PYTORCH);
                Report r = ModelCost.standard().inspect(file, a);
                TrainingSummary t = r.training();
                assertNotNull(t.runtime(), "the training step under the profile");
                long est = t.firstStepPeakBytes()
                        - t.parametersBytes()
                        - t.masterWeightsBytes()
                        - TorchvisionMemoryTest.inputBytes(r, 2);
                String key = o == Optimizer.ADAM ? "train_step_adam_batch2" : "train_step_sgd_momentum_batch2";
                rows += TorchvisionMemoryTest.check(table, failures, name, key, measured, est, TOLERANCE);
            }
        }
        System.out.print(table);
        assertEquals(12, rows, "measurements discovered");
        assertEquals(List.of(), failures);
    }
}
