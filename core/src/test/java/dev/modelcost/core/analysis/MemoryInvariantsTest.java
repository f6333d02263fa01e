package dev.modelcost.core.analysis;

import dev.modelcost.core.TinyGraph;
import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.ActivationSummary;
import dev.modelcost.core.report.TrainingSummary;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invariants of the memory analyses over random graphs of [1, 16] activations (Gemm, activations, residual
 * adds, products, dropout, transposes); the seed is in every failure message.
 */
class MemoryInvariantsTest {
    private static final String[] OPS = {
        "Gemm", "Gemm", "Relu", "Sigmoid", "Gelu", "Add", "Mul", "Dropout", "Transpose", "Identity"
    };
    private final OpRegistry registry = OpRegistry.standard();

    private static Graph randomGraph(long seed) {
        Random rnd = new Random(seed);
        TinyGraph g = new TinyGraph().input("x", 1, 16);
        List<String> values = new ArrayList<>(List.of("x"));
        int n = 2 + rnd.nextInt(12);
        for (int i = 0; i < n; i++) {
            String op = OPS[rnd.nextInt(OPS.length)];
            String a = values.get(values.size() - 1);
            String b = values.get(rnd.nextInt(values.size()));
            String out = "v" + i;
            switch (op) {
                case "Gemm" -> g.weight("W" + i, 16, 16)
                        .weight("b" + i, 16)
                        .node("Gemm", List.of(a, "W" + i, "b" + i), out, Map.of("transB", new Attr.Int(1)));
                case "Add", "Mul" -> g.node(op, List.of(a, b), out);
                default -> g.node(op, List.of(a), out);
            }
            values.add(out);
        }
        return g.output(values.get(values.size() - 1)).build();
    }

    @Test
    void trainingPeakBoundsHoldOnRandomGraphs() {
        for (long seed = 1; seed <= 300; seed++) {
            Graph g = randomGraph(seed);
            long batch = 1 + seed % 5;
            Assumptions a = new Assumptions(
                    batch,
                    Map.of(),
                    null,
                    TrainingAssumptions.of(Optimizer.values()[(int) (seed % Optimizer.values().length)]));
            InferredTypes types = ShapeInference.run(g, a, registry);
            TrainingSummary t = TrainingMemory.run(g, types, registry, ParameterRoles.resolve(g, registry), a);
            String why = "seed " + seed;
            assertEquals(t.peak().fixedBytes() + batch * t.peak().perSampleBytes(), t.peakBytes(), why);
            assertEquals(
                    t.savedActivations().fixedBytes()
                            + batch * t.savedActivations().perSampleBytes(),
                    t.savedActivationsBytes(),
                    why);
            // At the end of the forward pass everything kept is alive, beside the resident parameters and state.
            assertTrue(t.peakBytes() >= t.parametersBytes() + t.optimizerStateBytes() + t.savedActivationsBytes(), why);
            // At the update every gradient is alive.
            assertTrue(t.peakBytes() >= t.parameterStateBytes(), why);
            assertTrue(t.firstStepPeakBytes() <= t.peakBytes(), why);
            assertTrue(
                    t.firstStepPeakBytes() >= t.parametersBytes() + t.gradientsBytes() + t.optimizerStateBytes(), why);
        }
    }

    @Test
    void inferencePeakNeverExceedsTheSumOfAllocations() {
        for (long seed = 1; seed <= 300; seed++) {
            Graph g = randomGraph(seed);
            long batch = 1 + seed % 5;
            InferredTypes types = ShapeInference.run(g, Assumptions.DEFAULT, registry);
            ActivationSummary s = ActivationAnalysis.run(g, types, registry, Assumptions.DEFAULT.withBatch(batch))
                    .summary();
            String why = "seed " + seed;
            assertTrue(s.peakLiveBytes() <= batch * s.layerOutputBytes(), why);
            assertTrue(s.peakLiveBytesBeyondInputs() <= s.peakLiveBytes(), why);
            assertEquals(s.peakLive().fixedBytes() + batch * s.peakLive().perSampleBytes(), s.peakLiveBytes(), why);
        }
    }
}
