package dev.modelcost.core.analysis;

import dev.modelcost.core.TinyGraph;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.ActivationSummary;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ActivationAnalysisTest {
    private final OpRegistry registry = OpRegistry.standard();

    private ActivationSummary run(Graph g, long batch) {
        InferredTypes t = ShapeInference.run(g, Assumptions.DEFAULT, registry);
        return ActivationAnalysis.run(g, t, registry, Assumptions.DEFAULT.withBatch(batch))
                .summary();
    }

    private static Graph convReluFlatten() {
        return new TinyGraph()
                .input("x", 1, 3, 8, 8)
                .weight("w", 4, 3, 3, 3)
                .node("Conv", List.of("x", "w"), "c", Map.of("pads", TinyGraph.ints(1, 1, 1, 1)))
                .node("Relu", List.of("c"), "r")
                .node("Flatten", List.of("r"), "f")
                .output("f")
                .build();
    }

    @Test
    void inPlaceActivationsAndViewsAllocateNothing() {
        // input 3*8*8 = 192, conv output 4*8*8 = 256; Relu in place, Flatten a view.
        ActivationSummary s = run(convReluFlatten(), 1);
        assertEquals(192 + 256, s.layerOutputElements());
        assertEquals(4L * (192 + 256), s.layerOutputBytes());
        // Both the input and the conv output are alive while the conv runs.
        assertEquals(4L * (192 + 256), s.peakLiveBytes());
    }

    @Test
    void doublingTheBatchDoublesThePeak() {
        assertEquals(
                2 * run(convReluFlatten(), 4).peakLiveBytes(),
                run(convReluFlatten(), 8).peakLiveBytes());
    }

    /**
     * A weight transposed at run time (sm_cnn's Transpose before Gemm) is the same for every sample: fixed bytes of the
     * live set, not activations per sample, so the per-sample figures do not depend on the batch.
     */
    @Test
    void aValueComputedFromStoredTensorsAloneIsFixed() {
        Graph g = new TinyGraph()
                .input("x", 1, 4)
                .weight("w", 3, 4)
                .node("Transpose", List.of("w"), "wt")
                .node("MatMul", List.of("x", "wt"), "y")
                .output("y")
                .build();
        ActivationSummary one = run(g, 1);
        // Per sample: x's 4 and y's 3 values; wt's 12 values (48 B) are fixed.
        assertEquals(4 + 3, one.layerOutputElements());
        // While MatMul runs: x 16 B + y 12 B per sample, wt 48 B fixed.
        assertEquals(48, one.peakLive().fixedBytes());
        assertEquals(16 + 12, one.peakLive().perSampleBytes());
        assertEquals(48 + 8 * 28, run(g, 8).peakLiveBytes());
    }

    @Test
    void activationOfAGraphInputIsNotInPlace() {
        Graph g = new TinyGraph()
                .input("x", 1, 10)
                .node("Relu", List.of("x"), "y")
                .output("y")
                .build();
        assertEquals(20, run(g, 1).layerOutputElements());
    }

    @Test
    void deadValuesAreFreedBeforeThePeak() {
        // x(100) -> a(100) -> b(100) -> c(100): at most two tensors of 100 are alive at once.
        Graph g = new TinyGraph()
                .input("x", 1, 100)
                .node("Transpose", List.of("x"), "a")
                .node("Transpose", List.of("a"), "b")
                .node("Transpose", List.of("b"), "c")
                .output("c")
                .build();
        ActivationSummary s = run(g, 1);
        assertEquals(400, s.layerOutputElements());
        assertEquals(2 * 100 * 4, s.peakLiveBytes());
    }

    @Test
    void liveBytesPerStepTraceTheScheduleAndPeakAtTheMaximum() {
        // x -> a -> b -> c, 100 fp32 each: the input alone, then two tensors of 400 bytes while each node runs.
        Graph g = new TinyGraph()
                .input("x", 1, 100)
                .node("Transpose", List.of("x"), "a")
                .node("Transpose", List.of("a"), "b")
                .node("Transpose", List.of("b"), "c")
                .output("c")
                .build();
        ActivationSummary s = run(g, 1);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {400, 800, 800, 800}, s.liveBytesPerStep());
        assertEquals(Arrays.stream(s.liveBytesPerStep()).max().getAsLong(), s.peakLiveBytes());
    }
}
