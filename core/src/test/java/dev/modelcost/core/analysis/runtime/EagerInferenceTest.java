package dev.modelcost.core.analysis.runtime;

import dev.modelcost.core.TinyGraph;
import dev.modelcost.core.analysis.RuntimeProfile;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.report.RuntimeEstimate;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.modelcost.core.analysis.runtime.RuntimeFixtures.estimate;
import static dev.modelcost.core.analysis.runtime.RuntimeFixtures.terms;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The PyTorch eager inference profile on hand-built graphs; every figure is derived by hand in the test. */
class EagerInferenceTest {

    @Test
    void aSmallConvolutionRunsPyTorchsOwnKernelWithIm2colColumns() {
        // x [1,3,8,8] is the caller's; c [1,4,8,8] = 256 floats = 1,024 bytes is the ideal peak.
        // Batch 1, 3x3 kernel, 192 input elements (<= 20,480), one group: PyTorch's own kernel, which expands the
        // input into 3 x 3 x 3 rows by 8 x 8 output pixels = 1,728 floats = 6,912 bytes while the call runs.
        Graph g = new TinyGraph()
                .input("x", 1, 3, 8, 8)
                .weight("w", 4, 3, 3, 3)
                .node("Conv", List.of("x", "w"), "c", Map.of("pads", TinyGraph.ints(1, 1, 1, 1)))
                .node("Relu", List.of("c"), "r")
                .output("r")
                .build();
        RuntimeEstimate e = estimate(g, RuntimeProfile.PYTORCH, 1);
        assertEquals(1024, e.idealBytes());
        assertEquals(Map.of("convolutionColumns", 6912L), terms(e));
        assertEquals(1024 + 6912, e.bytes());
    }

    @Test
    void oneDnnReordersInputAndWeightsAndCopiesItsBlockedOutput() {
        // Batch 2 with a 3x3 kernel goes to oneDNN. y [2,20,8,8] = 10,240 bytes (the ideal peak; x is the caller's).
        // Blocked output: 20 channels padded to 32: 2 x 32 x 64 x 4 = 16,384. Weights 20x24x3x3 reordered with both
        // channel counts padded to 32: 32 x 32 x 9 x 4 = 36,864. Input of 24 (>= 16) channels padded to 32:
        // 2 x 32 x 64 x 4 = 16,384. Compute phase 16,384 + 36,864 + 16,384 = 69,632; copy phase 16,384 + 10,240.
        // Terms in order: copy alone max(16,384, 26,624) - 10,240 = +16,384; with weights 53,248 - 10,240 = 43,008
        // (+26,624); with the input 69,632 - 10,240 = 59,392 (+16,384).
        Graph g = new TinyGraph()
                .input("x", 1, 24, 8, 8)
                .weight("w", 20, 24, 3, 3)
                .node("Conv", List.of("x", "w"), "y", Map.of("pads", TinyGraph.ints(1, 1, 1, 1)))
                .output("y")
                .build();
        RuntimeEstimate e = estimate(g, RuntimeProfile.PYTORCH, 2);
        assertEquals(10240, e.idealBytes());
        assertEquals(
                Map.of(
                        "convolutionOutputCopy", 16384L,
                        "convolutionWeightReorder", 26624L,
                        "convolutionInputReorder", 16384L),
                terms(e));
        assertEquals(69632, e.bytes());
    }

    @Test
    void moduleArgumentsStayAliveAndTheFoldedBatchNormRunsAgain() {
        // a = Relu(x) [1,16,4,4] = 1,024 bytes; c = Conv 16->64 (1x1, folded BatchNorm: weight named onnx::Conv_*
        // with a bias) [1,64,4,4] = 4,096; Relu in place; h = Conv 64->16 = 1,024. All 1x1 at batch 1: PyTorch's
        // own kernel, no columns. Ideal: a + c = 5,120 at the first conv, c + h = 5,120 at the second.
        // Module /block reads a, made outside it: a lives to /block's last node, so a + c + h = 6,144 (+1,024).
        // The eager BatchNorm after the folded conv writes another 4,096 beside a and c: 9,216 (+3,072), and its
        // per-channel mean and inverse deviation 2 x 64 x 4 = 512 more (+512): 9,728.
        Graph g = new TinyGraph()
                .input("x", 1, 16, 4, 4)
                .weight("onnx::Conv_1", 64, 16, 1, 1)
                .weight("onnx::Conv_2", 64)
                .weight("head.weight", 16, 64, 1, 1)
                .named("/stem/Relu", "Relu", List.of("x"), "a", Map.of())
                .named("/block/conv/Conv", "Conv", List.of("a", "onnx::Conv_1", "onnx::Conv_2"), "c", Map.of())
                .named("/block/relu/Relu", "Relu", List.of("c"), "r", Map.of())
                .named("/block/head/Conv", "Conv", List.of("r", "head.weight"), "h", Map.of())
                .output("h")
                .build();
        RuntimeEstimate e = estimate(g, RuntimeProfile.PYTORCH, 1);
        assertEquals(5120, e.idealBytes());
        assertEquals(
                Map.of("moduleArguments", 1024L, "batchNormUnfused", 3072L, "batchNormStatistics", 512L), terms(e));
        assertEquals(9728, e.bytes());
        assertEquals("/block/conv/Conv", e.peakAt());
    }

    @Test
    void maxPoolComputesInt64IndicesEvenWithoutGrad() {
        // a = Relu(x) [1,4,8,8] = 1,024 bytes; m = MaxPool 2x2/2 [1,4,4,4] = 256 bytes: ideal a + m = 1,280.
        // max_pool2d's 64 indices of 8 bytes = 512 bytes while it runs.
        Graph g = new TinyGraph()
                .input("x", 1, 4, 8, 8)
                .node("Relu", List.of("x"), "a")
                .node(
                        "MaxPool",
                        List.of("a"),
                        "m",
                        Map.of("kernel_shape", TinyGraph.ints(2, 2), "strides", TinyGraph.ints(2, 2)))
                .output("m")
                .build();
        RuntimeEstimate e = estimate(g, RuntimeProfile.PYTORCH, 1);
        assertEquals(Map.of("maxPoolIndices", 512L), terms(e));
        assertEquals(1280 + 512, e.bytes());
    }

    @Test
    void aLinearLayersBiasIsAddedInPlaceAndSiluOverwritesItsInput() {
        // p = x @ w [1,32] = 128 bytes; q = p + b (stored bias); s = Sigmoid(q); y = q * s; z = Relu(y) in place.
        // Ideal: p + q = 256 at the Add, q + s + y = 384 at the Mul. addmm writes q into p: the Mul still holds
        // q + s + y (term 0, not listed). silu_ overwrites q: neither s nor y allocates, so the peak is p = 128.
        Graph g = new TinyGraph()
                .input("x", 1, 8)
                .weight("w", 8, 32)
                .weight("b", 32)
                .node("MatMul", List.of("x", "w"), "p")
                .node("Add", List.of("p", "b"), "q")
                .node("Sigmoid", List.of("q"), "s")
                .node("Mul", List.of("q", "s"), "y")
                .node("Relu", List.of("y"), "z")
                .output("z")
                .build();
        RuntimeEstimate e = estimate(g, RuntimeProfile.PYTORCH, 1);
        assertEquals(384, e.idealBytes());
        assertEquals(Map.of("siluInPlace", -256L), terms(e));
        assertEquals(128, e.bytes());
    }

    @Test
    void theLinearBiasTermLowersAPeakAtTheAdd() {
        // p = x @ w [1,32] = 128; q = p + b; r = Relu(q) in place; z = r @ w2 [1,4] = 16. Ideal peak p + q = 256;
        // with addmm q lives in p's buffer and the peak is q + z = 144 (-112).
        Graph g = new TinyGraph()
                .input("x", 1, 8)
                .weight("w", 8, 32)
                .weight("b", 32)
                .weight("w2", 32, 4)
                .node("MatMul", List.of("x", "w"), "p")
                .node("Add", List.of("p", "b"), "q")
                .node("Relu", List.of("q"), "r")
                .node("MatMul", List.of("r", "w2"), "z")
                .output("z")
                .build();
        RuntimeEstimate e = estimate(g, RuntimeProfile.PYTORCH, 1);
        assertEquals(Map.of("linearBiasInPlace", -112L), terms(e));
        assertEquals(144, e.bytes());
    }
}
