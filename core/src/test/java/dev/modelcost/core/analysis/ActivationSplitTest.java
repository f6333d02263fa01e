package dev.modelcost.core.analysis;

import dev.modelcost.core.TinyGraph;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.ActivationSummary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The inference peak as "fixed + N × per-sample", and the live set at each step. */
class ActivationSplitTest {
    private final OpRegistry registry = OpRegistry.standard();

    private ActivationAnalysis.Result run(Graph g, long batch) {
        InferredTypes t = ShapeInference.run(g, Assumptions.DEFAULT, registry);
        return ActivationAnalysis.run(g, t, registry, Assumptions.DEFAULT.withBatch(batch));
    }

    /** x[1,10] fp32; Shape(x) is two int64 known without running the model (16 B, fixed); Reshape is a view. */
    private static Graph shapeThenReshape() {
        return new TinyGraph()
                .input("x", 1, 10)
                .node("Shape", List.of("x"), "s")
                .node("Reshape", List.of("x", "s"), "y")
                .output("y")
                .build();
    }

    @Test
    void thePeakSplitsIntoFixedBytesAndBytesPerSample() {
        ActivationSummary s = run(shapeThenReshape(), 3).summary();
        assertEquals(16, s.peakLive().fixedBytes());
        assertEquals(40, s.peakLive().perSampleBytes());
        assertEquals(16 + 3 * 40, s.peakLiveBytes());
    }

    @Test
    void doublingTheBatchDoublesThePerSamplePartAndKeepsTheFixedPart() {
        ActivationSummary three = run(shapeThenReshape(), 3).summary();
        ActivationSummary six = run(shapeThenReshape(), 6).summary();
        assertEquals(three.peakLive().fixedBytes(), six.peakLive().fixedBytes());
        assertEquals(
                2 * (three.peakLiveBytes() - three.peakLive().fixedBytes()),
                six.peakLiveBytes() - six.peakLive().fixedBytes());
    }

    @Test
    void theLiveSetOfEachStepAndThePeakBeyondTheInputs() {
        // x[1,100] → a → b → c (Transpose writes new tensors): while each runs, its input and output are alive.
        Graph g = new TinyGraph()
                .input("x", 1, 100)
                .node("Transpose", List.of("x"), "a")
                .node("Transpose", List.of("a"), "b")
                .node("Transpose", List.of("b"), "c")
                .output("c")
                .build();
        ActivationAnalysis.Result r = run(g, 2);
        assertArrayEquals(new long[] {1_600, 1_600, 1_600}, r.liveBytesAfterStep());
        // Leaving out x, which the caller holds: a and b, or b and c, are alive at once.
        assertEquals(1_600, r.summary().peakLiveBytesBeyondInputs());
    }
}
