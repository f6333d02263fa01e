package dev.modelcost.core.analysis.runtime;

import dev.modelcost.core.TinyGraph;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.analysis.RuntimeProfile;
import dev.modelcost.core.analysis.ShapeInference;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.report.RuntimeEstimate;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.modelcost.core.analysis.runtime.RuntimeFixtures.REGISTRY;
import static dev.modelcost.core.analysis.runtime.RuntimeFixtures.estimate;
import static dev.modelcost.core.analysis.runtime.RuntimeFixtures.terms;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ONNX Runtime CPU profile on hand-built graphs; every figure is derived by hand in the test. */
class OrtInferenceTest {

    @Test
    void aBinaryOpWritesIntoAnInputThatDiesAndTheArenaKeepsWholePages() {
        // a = Relu(x), 100 floats = 400 bytes (x is the caller's, so a is new); s = Sigmoid(a) is new (a is read
        // twice); y = a * s; z = Relu(y) is returned. Ideal: a + s + y = 1,200 at the Mul. ONNX Runtime writes y
        // into a (its last reader): 800 (-400). The arena's first region (1 MiB) serves a, s and z within one
        // 4 KiB page: 4,096 resident (+3,296); the second run's pattern block (448 + 448 bytes) reuses that page.
        Graph g = new TinyGraph()
                .input("x", 1, 100)
                .node("Relu", List.of("x"), "a")
                .node("Sigmoid", List.of("a"), "s")
                .node("Mul", List.of("a", "s"), "y")
                .node("Relu", List.of("y"), "z")
                .output("z")
                .build();
        RuntimeEstimate e = estimate(g, RuntimeProfile.ONNXRUNTIME, 1);
        assertEquals(1200, e.idealBytes());
        assertEquals(Map.of("ortInPlace", -400L, "arenaFirstRun", 3296L), terms(e));
        assertEquals(4096, e.bytes());
    }

    @Test
    void aBlockedConvolutionPadsItsChannelsAndReordersItsOutputForAPlainConsumer() {
        // Conv 3 -> 24 (3x3, pad 1) on [1,3,8,8]: fewer than 16 input channels, so it runs blocked on the plain
        // input, its 24 output channels padded to 32: 32 x 64 x 4 = 8,192 bytes; the Relu is fused into it. The
        // next Conv has 24 input channels (not a multiple of 16): it stays plain, so a ReorderOutput copies the
        // 24 channels back (6,144) while the blocked tensor is alive: 14,336. Ideal: c + y = 6,144 + 2,048.
        Graph g = new TinyGraph()
                .input("x", 1, 3, 8, 8)
                .weight("w", 24, 3, 3, 3)
                .weight("w2", 8, 24, 1, 1)
                .node("Conv", List.of("x", "w"), "c", Map.of("pads", TinyGraph.ints(1, 1, 1, 1)))
                .node("Relu", List.of("c"), "r")
                .node("Conv", List.of("r", "w2"), "y")
                .output("y")
                .build();
        Assumptions a = Assumptions.DEFAULT.withRuntime(RuntimeProfile.ONNXRUNTIME);
        InferredTypes types = ShapeInference.run(g, a, REGISTRY);
        ExecGraph ort = NchwcLayout.apply(ExecGraph.of(g, types, 1, null), types);
        assertEquals(
                List.of("NchwcConv", "ReorderOutput", "Conv"),
                ort.steps().stream().map(ExecGraph.Step::op).toList());
        assertEquals(8192, ort.bytesOf("c#nchwc"));
        RuntimeEstimate e = estimate(g, RuntimeProfile.ONNXRUNTIME, 1);
        assertEquals(8192, e.idealBytes());
        assertEquals(6144, terms(e).get("nchwcLayout"));
    }

    @Test
    void mlasExpandsTheWholeInputOnlyWhenFiltersOutnumberOutputPixels() {
        // 3x3 pad 1 on 8x8 with 3 input channels: K = 27, 64 output pixels.
        ConvolutionNode few = conv(24);
        ConvolutionNode many = conv(128);
        // 24 filters <= 64 pixels, one image, one group: one 128 x 128 float panel = 65,536 bytes.
        assertEquals(65536, MlasConvolution.workingBufferBytes(few));
        // 128 filters > 64 pixels: the whole im2col matrix, 64 x 27 floats = 6,912 bytes.
        assertEquals(6912, MlasConvolution.workingBufferBytes(many));
    }

    private static ConvolutionNode conv(long filters) {
        return new ConvolutionNode(
                new long[] {1, 3, 8, 8},
                new long[] {filters, 3, 3, 3},
                new long[] {1, filters, 8, 8},
                1,
                false,
                false,
                true,
                4);
    }
}
