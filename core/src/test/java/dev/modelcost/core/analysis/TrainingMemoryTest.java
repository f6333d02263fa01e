package dev.modelcost.core.analysis;

import dev.modelcost.core.TinyGraph;
import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.TrainingSummary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Training memory of tiny graphs, every number worked out by hand in the comments from the conventions of
 * docs/memory.md (fp32 = 4 bytes; slots per optimizer; what each op keeps for backward).
 */
class TrainingMemoryTest {
    private final OpRegistry registry = OpRegistry.standard();

    private TrainingSummary run(Graph g, long batch, TrainingAssumptions t) {
        Assumptions a = new Assumptions(batch, Map.of(), null, t);
        InferredTypes types = ShapeInference.run(g, a, registry);
        return TrainingMemory.run(g, types, registry, ParameterRoles.resolve(g, registry), a);
    }

    private static final Map<String, Attr> TRANS_B = Map.of("transB", new Attr.Int(1));

    /** x[1,10] → Gemm(W1[20,10], b1[20]) → h[1,20] → Relu → r → Gemm(W2[5,20], b2[5]) → y[1,5]. */
    private static Graph mlp() {
        return new TinyGraph()
                .input("x", 1, 10)
                .weight("W1", 20, 10)
                .weight("b1", 20)
                .weight("W2", 5, 20)
                .weight("b2", 5)
                .node("Gemm", List.of("x", "W1", "b1"), "h", TRANS_B)
                .node("Relu", List.of("h"), "r")
                .node("Gemm", List.of("r", "W2", "b2"), "y", TRANS_B)
                .output("y")
                .build();
    }

    @Test
    void parametersGradientsAndAdamStateOfAnMlp() {
        // 200 + 20 + 100 + 5 = 325 parameters × 4 B = 1,300 B; one gradient each; Adam keeps 2 slots.
        TrainingSummary t = run(mlp(), 1, TrainingAssumptions.of(Optimizer.ADAM));
        assertEquals(325, t.trainableParameters());
        assertEquals(1_300, t.parametersBytes());
        assertEquals(1_300, t.gradientsBytes());
        assertEquals(2_600, t.optimizerStateBytes());
        assertEquals(0, t.masterWeightsBytes());
    }

    @Test
    void savedActivationsAreTheGemmInputsAndTheReluOutput() {
        // Gemm1 keeps x (10 × 4 = 40 B); Relu runs in place on h and keeps its output (20 × 4 = 80 B), which is
        // also Gemm2's input: one buffer. The logits are not kept by any node.
        TrainingSummary t = run(mlp(), 1, TrainingAssumptions.of(Optimizer.SGD));
        assertEquals(120, t.savedActivations().perSampleBytes());
        assertEquals(0, t.savedActivations().fixedBytes());
        assertEquals(120, t.savedActivationsBytes());
    }

    @Test
    void peakIsInTheBackwardPassOfTheFirstLayer() {
        // Slots: backward of Gemm1 holds x 40 + h's gradient 80 + all parameter gradients 1,300 = 1,420 B of
        // step memory (the update holds x 40 + 1,300). Adding parameters 1,300 and Adam state 2,600: 5,320 B,
        // of which 120 B per sample (x, h's gradient) and 5,200 B fixed.
        TrainingSummary t = run(mlp(), 1, TrainingAssumptions.of(Optimizer.ADAM));
        assertEquals(5_320, t.peakBytes());
        assertEquals(5_200, t.peak().fixedBytes());
        assertEquals(120, t.peak().perSampleBytes());
        assertEquals(
                dev.modelcost.core.report.TrainingSlot.Phase.BACKWARD,
                t.peakAt().phase(),
                t.peakAt().toString());
        // First step: max(1,420, update 1,340 + Adam 2,600 = 3,940) + parameters 1,300.
        assertEquals(5_240, t.firstStepPeakBytes());
    }

    @Test
    void doublingTheBatchDoublesOnlyThePerSamplePart() {
        TrainingSummary two = run(mlp(), 2, TrainingAssumptions.of(Optimizer.ADAM));
        TrainingSummary four = run(mlp(), 4, TrainingAssumptions.of(Optimizer.ADAM));
        assertEquals(two.peak().fixedBytes(), four.peak().fixedBytes());
        assertEquals(
                2 * (two.peakBytes() - two.peak().fixedBytes()),
                four.peakBytes() - four.peak().fixedBytes());
        assertEquals(5_200 + 4 * 120, four.peakBytes());
        assertEquals(4 * 120, four.savedActivationsBytes());
    }

    @Test
    void mixedPrecisionAdamCostsSixteenBytesPerParameter() {
        // ZeRO (Rajbhandari et al., 2020), section 3.1: fp16 parameters 2 + fp16 gradients 2 + fp32 master
        // weights, momentum and variance 4 + 4 + 4 = 16 bytes per parameter.
        TrainingSummary t = run(mlp(), 1, new TrainingAssumptions(Optimizer.ADAM, DType.FLOAT16));
        assertEquals(650, t.parametersBytes());
        assertEquals(650, t.gradientsBytes());
        assertEquals(1_300, t.masterWeightsBytes());
        assertEquals(2_600, t.optimizerStateBytes());
        assertEquals(16 * 325, t.parameterStateBytes());
        // Activations are fp16 too: x 20 B + h 40 B.
        assertEquals(60, t.savedActivationsBytes());
    }

    @Test
    void optimizerSlotsFollowTheOptimizer() {
        assertEquals(0, run(mlp(), 1, TrainingAssumptions.of(Optimizer.SGD)).optimizerStateBytes());
        assertEquals(
                1_300, run(mlp(), 1, TrainingAssumptions.of(Optimizer.MOMENTUM)).optimizerStateBytes());
        assertEquals(
                1_300, run(mlp(), 1, TrainingAssumptions.of(Optimizer.RMSPROP)).optimizerStateBytes());
        assertEquals(
                1_300, run(mlp(), 1, TrainingAssumptions.of(Optimizer.ADAGRAD)).optimizerStateBytes());
        assertEquals(
                2_600, run(mlp(), 1, TrainingAssumptions.of(Optimizer.ADADELTA)).optimizerStateBytes());
        assertEquals(
                2_600, run(mlp(), 1, TrainingAssumptions.of(Optimizer.ADAMW)).optimizerStateBytes());
    }

    @Test
    void normalisationStatisticsGetNoGradientAndNoOptimizerState() {
        // scale and shift learn (8 elements = 32 B); running mean and variance (8 elements) do not.
        Graph g = new TinyGraph()
                .input("x", 1, 4, 2, 2)
                .weight("w", 4, 4, 1, 1)
                .weight("scale", 4)
                .weight("shift", 4)
                .weight("mean", 4)
                .weight("var", 4)
                .node("Conv", List.of("x", "w"), "c")
                .node("BatchNormalization", List.of("c", "scale", "shift", "mean", "var"), "y")
                .output("y")
                .build();
        TrainingSummary t = run(g, 1, TrainingAssumptions.of(Optimizer.ADAM));
        assertEquals(16 + 8, t.trainableParameters());
        assertEquals(4L * (16 + 16), t.parametersBytes());
        assertEquals(4L * 24, t.gradientsBytes());
        assertEquals(2 * 4L * 24, t.optimizerStateBytes());
        // Conv keeps x (16 × 4 B); BatchNormalization keeps c (16 × 4 B).
        assertEquals(128, t.savedActivationsBytes());
    }

    @Test
    void maxPoolKeepsItsInputAndInt64Indices() {
        // Conv keeps x (16 × 4 = 64 B); MaxPool keeps c (64 B) and one int64 index per output (4 × 8 = 32 B).
        Graph g = new TinyGraph()
                .input("x", 1, 1, 4, 4)
                .weight("w", 1, 1, 1, 1)
                .node("Conv", List.of("x", "w"), "c")
                .node(
                        "MaxPool",
                        List.of("c"),
                        "y",
                        Map.of("kernel_shape", TinyGraph.ints(2, 2), "strides", TinyGraph.ints(2, 2)))
                .output("y")
                .build();
        assertEquals(160, run(g, 1, TrainingAssumptions.of(Optimizer.SGD)).savedActivationsBytes());
    }

    @Test
    void anInPlaceOpMustNotOverwriteATensorKeptForBackward() {
        // Sigmoid runs in place on h and keeps its output; Relu on it must then write a new tensor, which it keeps:
        // x 40 + h 80 + r 80 = 200 B.
        Graph g = new TinyGraph()
                .input("x", 1, 10)
                .weight("W", 20, 10)
                .node("Gemm", List.of("x", "W"), "h", TRANS_B)
                .node("Sigmoid", List.of("h"), "s")
                .node("Relu", List.of("s"), "r")
                .output("r")
                .build();
        assertEquals(200, run(g, 1, TrainingAssumptions.of(Optimizer.SGD)).savedActivationsBytes());
    }

    @Test
    void trainingDropoutWritesANewTensorAndKeepsAByteMask() {
        // Gemm keeps x 40 B; Dropout keeps a bool mask of 20 × 1 B; its output is a new tensor nobody keeps.
        Graph g = new TinyGraph()
                .input("x", 1, 10)
                .weight("W", 20, 10)
                .node("Gemm", List.of("x", "W"), "h", TRANS_B)
                .node("Dropout", List.of("h"), "d")
                .output("d")
                .build();
        assertEquals(60, run(g, 1, TrainingAssumptions.of(Optimizer.SGD)).savedActivationsBytes());
    }
}
